// What the door keeps in IndexedDB (through the `idb` wrapper): the pairing (a non-extractable CryptoKey, never
// the secret), the door list with its ETag, the outbox of signed-when-sent envelopes, and this door's own scans.
// IndexedDB survives a reload and a browser restart; localStorage could not hold a CryptoKey.
import { openDB } from '../vendor/idb.js';

const db = openDB('seatpilot-door', 1, {
  upgrade(database) {
    database.createObjectStore('config');
    database.createObjectStore('doorlist');
    database.createObjectStore('outbox', { keyPath: 'id' });
    database.createObjectStore('scans', { keyPath: 'checkin_id' });
  },
});

export const store = {
  async device() { return (await db).get('config', 'device'); },
  async saveDevice(device) { return (await db).put('config', device, 'device'); },
  async forget() {
    const d = await db;
    await Promise.all(['config', 'doorlist', 'outbox', 'scans'].map((name) => d.clear(name)));
  },
  async doorList(eventId) { return (await db).get('doorlist', eventId); },
  async saveDoorList(eventId, etag, list) { return (await db).put('doorlist', { etag, list, fetchedAt: Date.now() }, eventId); },
  async outbox() { return (await db).getAll('outbox'); },
  async outboxCount() { return (await db).count('outbox'); },
  async enqueue(item) { return (await db).put('outbox', item); },
  async dequeue(ids) {
    const tx = (await db).transaction('outbox', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  },
  async scans() { return (await db).getAll('scans'); },
  async scan(checkinId) { return (await db).get('scans', checkinId); },
  async saveScan(scan) { return (await db).put('scans', scan); },
};
