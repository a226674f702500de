// The stage's addresses from /config.json: bin/publish-sites writes it next to the apps when deploying, the local
// stack answers it itself. With no answer (offline, or the files served from elsewhere) the page keeps to its own
// origin, which deployed is the API's too. A slow network must not hold the door: three seconds, then without it.
// @param url '/config.json', with '?signin=hosted' when the local stack is asked for its hosted sign-in
export async function loadSiteConfig(url = '/config.json') {
  try {
    const response = await fetch(url, { cache: 'no-cache', signal: AbortSignal.timeout(3000) });
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}
