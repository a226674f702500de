package io.seatpilot.core.telemetry;

import java.nio.charset.StandardCharsets;

/**
 * An object's keys as they came ({@code keys}), the position of each in key order ({@code order}), and each key
 * quoted with its colon in the content hash's canonical bytes ({@code quotedKeys}; null for a key that needs
 * escaping). Worked out once per shape and kept — by {@link ContentHash} per thread, by {@link ObjectCheck} per
 * schema — because a device sends the same shapes over and over and the parser hands out the same String object
 * for a key each time: recognising a shape costs a reference comparison per key, where sorting and encoding the
 * keys again was most of what the hash cost besides SHA-256 (issue 16).
 */
record KeyOrder(String[] keys, int[] order, byte[][] quotedKeys) {

    /** Keeps {@code keys}, which the caller no longer changes. */
    static KeyOrder of(String[] keys) {
        int count = keys.length;
        int[] order = new int[count];
        for (int i = 0; i < count; i++) { // insertion sort: objects have a handful of keys
            int at = i;
            for (; at > 0 && keys[order[at - 1]].compareTo(keys[i]) > 0; at--) {
                order[at] = order[at - 1];
            }
            order[at] = i;
        }
        byte[][] quoted = new byte[count][];
        for (int i = 0; i < count; i++) {
            String key = keys[order[i]];
            byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
            if (ContentHash.isPlainAscii(utf8, key.length())) {
                quoted[i] = new byte[utf8.length + 3];
                quoted[i][0] = '"';
                System.arraycopy(utf8, 0, quoted[i], 1, utf8.length);
                quoted[i][utf8.length + 1] = '"';
                quoted[i][utf8.length + 2] = ':';
            }
        }
        return new KeyOrder(keys, order, quoted);
    }

    /** The same keys in the same order, compared by reference: equal strings from elsewhere just miss. */
    boolean isOf(String[] fields) {
        if (keys.length != fields.length) {
            return false;
        }
        for (int i = 0; i < fields.length; i++) {
            if (keys[i] != fields[i]) {
                return false;
            }
        }
        return true;
    }
}
