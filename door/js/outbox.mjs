// Offline check-ins wait in the outbox as telemetry envelopes (SPEC §5, schemas/events/checkin.success) and go up
// in batches of at most 100 through POST /v1/events once the network is back; they are signed when sent, so a
// long outage cannot leave them with a stale x-ts. The server applies them with the online rules (earliest scan
// of a guest wins); afterwards the door asks which check-in counts for those guests to learn each outcome.

export const BATCH = 100;
export const APP_VERSION = '1.0.0';

export function checkinEnvelope({ tenant, eventId, checkinId, guestId, mode, scannedAt, deviceId, locale }) {
  return {
    schema_version: '1.1.0', event_id: checkinId, tenant_id: tenant, event_name: 'checkin.success',
    session_id: checkinId, ts_ms: scannedAt,
    event_meta: { app_channel: 'kiosk', platform: 'web', app_version: APP_VERSION, sdk_version: '1.1.0', source: 'cache', locale,
      ...(deviceId ? { device_id: deviceId } : {}) },
    payload: { event: eventId, guest_id: guestId, mode, scanned_at: scannedAt },
  };
}

export function undoEnvelope({ tenant, eventId, checkinId, undoId, at, deviceId, locale }) {
  return {
    schema_version: '1.1.0', event_id: undoId, tenant_id: tenant, event_name: 'checkin.undo', session_id: checkinId, ts_ms: at,
    event_meta: { app_channel: 'kiosk', platform: 'web', app_version: APP_VERSION, sdk_version: '1.1.0', source: 'cache', locale,
      ...(deviceId ? { device_id: deviceId } : {}) },
    payload: { event: eventId, checkin_id: checkinId },
  };
}

/** 401s that pass by themselves: the kiosk's clock, or a nonce seen twice (a retried request). */
const PASSING_401 = new Set(['timestamp_skew', 'replay_detected']);

/**
 * Whether the server refused what was sent for good: the same request would be refused again until a person acts
 * (a bad envelope, a revoked or unknown key, a guest not invited). A skewed clock, a rate limit, a timeout or a
 * server error pass by themselves: those items wait and go up again on their own. A staff 401 is an expired
 * sign-in, which passes too once the person signs in again.
 */
export function isRefusal(status, reason, mode) {
  if (status === 401) return mode === 'kiosk' && !PASSING_401.has(reason);
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

const refusal = (id, status, reason) => ({ id, status, reason: reason ?? `http_${status}` });

/**
 * Sends what waits, oldest first, in batches of ≤ 100; items the server refused before stay out until the
 * volunteer retries them. Kiosks upload envelopes through ingest; staff (a person's token may not call ingest)
 * replay the same check-in through POST …/checkins with its original id and scan time. Answers the ids the
 * server now has (sent) and the refusals ({id, status, reason}): those stay in the outbox, marked.
 */
export async function flush(call, items, mode) {
  const sent = [];
  const refused = [];
  const ordered = items.filter((item) => !item.refused).sort((a, b) => a.envelope.ts_ms - b.envelope.ts_ms);
  if (mode === 'kiosk') {
    for (let i = 0; i < ordered.length; i += BATCH) {
      const batch = ordered.slice(i, i + BATCH);
      const answer = await call('POST', '/v1/events', { events: batch.map((item) => item.envelope) });
      if (answer.status === 202) {
        sent.push(...batch.map((item) => item.id));
      } else if (answer.status === 207) {
        answer.json.results.forEach((result, k) => (result.status === 'rejected'
          ? refused.push(refusal(batch[k].id, 422, result.reason)) : sent.push(batch[k].id)));
      } else if (isRefusal(answer.status, answer.json?.reason, mode)) {
        refused.push(...batch.map((item) => refusal(item.id, answer.status, answer.json?.reason)));
      } else {
        break; // a clock skew, 429, 5xx: keep them and try again later
      }
    }
    return { sent, refused };
  }
  for (const item of ordered) {
    const p = item.envelope.payload;
    // the stop the scan was made at rides beside the envelope (whose fields are the catalogue's), for staff only:
    // a kiosk's uploads apply at the stop it was set to when it scanned (the server keeps its stop changes)
    const answer = item.envelope.event_name === 'checkin.success'
      ? await call('POST', `/v1/events/${p.event}/checkins`,
        { checkin_id: item.id, guest_id: p.guest_id, mode: p.mode, scanned_at: p.scanned_at, ...(item.stop ? { stop_id: item.stop } : {}) })
      : await call('POST', `/v1/events/${p.event}/checkins/${p.checkin_id}/undo`, {});
    // a check-in someone else made first (409) or an undo of one the server never took (404) is settled
    const settled = answer.status < 300 || (item.envelope.event_name === 'checkin.success' ? answer.status === 409 : answer.status === 404);
    if (settled) {
      sent.push(item.id);
    } else if (isRefusal(answer.status, answer.json?.reason, mode)) {
      refused.push(refusal(item.id, answer.status, answer.json?.reason));
    } else {
      break;
    }
  }
  return { sent, refused };
}

/** What a volunteer hands to the organisers when refused scans cannot go up: no tokens, no signatures. */
export function exportRefused(items, { eventId, deviceId, at }) {
  return {
    exported_at: at, event: eventId, device_id: deviceId ?? null,
    refused: items.filter((item) => item.refused).map((item) => ({ id: item.id, refused: item.refused, envelope: item.envelope })),
  };
}

/** Every scan not yet accepted (waiting or refused), as a file for the organisers: what unpairing would otherwise lose. */
export function exportUnsent(items, { eventId, deviceId, at }) {
  return {
    exported_at: at, event: eventId, device_id: deviceId ?? null,
    unsent: items.map((item) => ({ id: item.id, refused: item.refused ?? null, envelope: item.envelope })),
  };
}
