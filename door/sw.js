// The door app's service worker: keeps the app shell so the page opens and reloads with no network. Network
// first (a redeployed app is picked up at once while online), the cache when the network fails. API calls are
// never cached here: the door list lives in IndexedDB, with its ETag.
const CACHE = 'seatpilot-door-v1';
const SHELL = ['./', 'index.html', 'admin.html', 'manifest.webmanifest', 'css/door.css', 'i18n/en.json', 'i18n/es.json',
  'js/app.mjs', 'js/admin.mjs', 'js/api.mjs', 'js/camera.mjs', 'js/config.mjs', 'js/doorlist.mjs', 'js/i18n.mjs', 'js/outbox.mjs',
  'js/pairing.mjs', 'js/store.mjs', 'vendor/idb.js', 'vendor/jsQR.js', 'vendor/qrcode.mjs', 'icon.svg',
  'lib/signer/seatpilot-signer.mjs', 'lib/signer/seatpilot-signin.mjs', 'lib/signer/vendor/oauth4webapi.mjs'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith(new URL('./', location).pathname)) {
    return;
  }
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(event.request, copy));
    }
    return response;
  }).catch(() => caches.match(event.request, { ignoreSearch: true })
    .then((cached) => cached ?? caches.match('index.html'))));
});
