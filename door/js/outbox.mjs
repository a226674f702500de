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

/**
 * Sends what waits, oldest first, in batches of ≤ 100. Kiosks upload envelopes through ingest; staff (a person's
 * token may not call ingest) replay the same check-in through POST …/checkins with its original id and scan time.
 * Answers the ids that left the outbox: sent (the server has them) and rejected (it never will take them).
 */
export async function flush(call, items, mode) {
  const sent = [];
  const rejected = [];
  const ordered = [...items].sort((a, b) => a.envelope.ts_ms - b.envelope.ts_ms);
  if (mode === 'kiosk') {
    for (let i = 0; i < ordered.length; i += BATCH) {
      const batch = ordered.slice(i, i + BATCH);
      const answer = await call('POST', '/v1/events', { events: batch.map((item) => item.envelope) });
      if (answer.status === 202) {
        sent.push(...batch.map((item) => item.id));
      } else if (answer.status === 207) {
        answer.json.results.forEach((result, k) => (result.status === 'rejected' ? rejected : sent).push(batch[k].id));
      } else if (answer.status === 422 || answer.status === 400 || answer.status === 413) {
        rejected.push(...batch.map((item) => item.id));
      } else {
        break; // 401 (clock), 429, 5xx: keep them and try again later
      }
    }
    return { sent, rejected };
  }
  for (const item of ordered) {
    const p = item.envelope.payload;
    if (item.envelope.event_name !== 'checkin.success') {
      const undo = await call('POST', `/v1/events/${p.event}/checkins/${p.checkin_id}/undo`, {});
      (undo.status < 300 || undo.status === 404 ? sent : rejected).push(item.id);
      continue;
    }
    // the stop the scan was made at rides beside the envelope (whose fields are the catalogue's), for staff only:
    // a kiosk's uploads apply at the stop it is registered to
    const answer = await call('POST', `/v1/events/${p.event}/checkins`,
      { checkin_id: item.id, guest_id: p.guest_id, mode: p.mode, scanned_at: p.scanned_at, ...(item.stop ? { stop_id: item.stop } : {}) });
    if (answer.status === 429 || answer.status >= 500 || answer.status === 401) break;
    (answer.status < 300 || answer.status === 409 ? sent : rejected).push(item.id);
  }
  return { sent, rejected };
}
