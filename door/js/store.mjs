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
  /** Scans waiting to go up; refused ones stay in the outbox but wait for a person, not for the network. */
  async outboxCount() { return (await db).getAll('outbox').then((items) => items.filter((item) => !item.refused).length); },
  async enqueue(item) { return (await db).put('outbox', item); },
  /** Marks items the server refused ({id, status, reason}); they stay until sent or undone. */
  async refuse(refusals, at) {
    const tx = (await db).transaction('outbox', 'readwrite');
    for (const { id, status, reason } of refusals) {
      const item = await tx.store.get(id);
      if (item) await tx.store.put({ ...item, refused: { status, reason, at } });
    }
    await tx.done;
  },
  /** Puts every refused item back in line. */
  async retryRefused() {
    const tx = (await db).transaction('outbox', 'readwrite');
    for (const item of await tx.store.getAll()) {
      if (item.refused) {
        const { refused, ...waiting } = item;
        await tx.store.put(waiting);
      }
    }
    await tx.done;
  },
  async dequeue(ids) {
    const tx = (await db).transaction('outbox', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  },
  async scans() { return (await db).getAll('scans'); },
  async scan(checkinId) { return (await db).get('scans', checkinId); },
  async saveScan(scan) { return (await db).put('scans', scan); },
};
