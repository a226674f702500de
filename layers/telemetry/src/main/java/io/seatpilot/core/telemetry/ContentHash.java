package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.telemetry.SchemaCheck.Verdict;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * SHA-256 of an envelope's canonical form: compact JSON with keys sorted, in exactly the bytes Jackson's default
 * generator writes (strings in UTF-8, control characters and lone or paired surrogates as upper-case
 * {@code \\uXXXX}, numbers as their {@code toString()}). Stored events keep the hashes of earlier releases, so an
 * event re-sent across a deployment is still a duplicate: EnvelopeValidatorTest pins one, ContentHashTest compares
 * these bytes with Jackson's on generated trees. Written by hand into a per-thread buffer and digest because
 * creating a generator and a digest per envelope was the largest single cost of ingest (issue 16).
 */
final class ContentHash {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    /** Flushed into the digest before it could overflow: one character takes at most 6 bytes (a {@code \\uXXXX}). */
    private static final int BUFFER_BYTES = 4096;
    private static final int MAX_CHAR_BYTES = 6;
    /** Shapes kept per thread, a power of two; a shape only replaces another that fell in the same slot. */
    private static final int SHAPES = 64;

    /** ASCII bytes a string copied as is may not hold: what the generator escapes, and {@code ?} (see isPlainAscii). */
    private static final boolean[] NOT_PLAIN = new boolean[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            NOT_PLAIN[c] = true;
        }
        NOT_PLAIN['"'] = true;
        NOT_PLAIN['\\'] = true;
        NOT_PLAIN['?'] = true;
    }

    /** Eight bytes at a time: most of an envelope is strings, and checking them a byte at a time showed (issue 16). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = ONES * 0x80;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long QUESTION_MARKS = ONES * '?';
    /** Added to a byte below 0x80, sets its high bit unless the byte is below 0x20 (a control character). */
    private static final long TO_SPACE = ONES * (0x80 - 0x20);
    /** Added to a byte below 0x80, sets its high bit unless the byte is zero. */
    private static final long TO_ONE = ONES * 0x7F;

    private static final ThreadLocal<ContentHash> PER_THREAD = ThreadLocal.withInitial(ContentHash::new);

    private final MessageDigest digest;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int length;
    private final KeyOrder[] shapes = new KeyOrder[SHAPES];
    /** Digits of a number, written from the end. */
    private final byte[] digits = new byte[20];

    private ContentHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String of(JsonNode node) {
        ContentHash hash = PER_THREAD.get();
        hash.start();
        hash.write(node);
        return hash.finish();
    }

    /**
     * The hash of {@code envelope} if {@code schema} finds it valid, with its field {@code key} also checked by
     * {@code keyCheck}; empty when either finds it invalid or is unsure. Checking while writing walks the tree once
     * instead of once per schema and once for the hash (issue 16). Empty says nothing more: the caller asks the
     * schemas again, which word the violations.
     */
    static Optional<String> ifValid(ObjectNode envelope, SchemaCheck schema, String key, SchemaCheck keyCheck) {
        if (!(schema instanceof SchemaCheck.WithProperties object) || object.rest().check(envelope) != Verdict.VALID) {
            return Optional.empty();
        }
        ContentHash hash = PER_THREAD.get();
        hash.start();
        return hash.writeObject(envelope, object.properties(), key, keyCheck) == Verdict.VALID
                ? Optional.of(hash.finish()) : Optional.empty();
    }

    private void start() {
        length = 0;
        digest.reset(); // a previous call that threw or stopped at an invalid field may have left bytes behind
    }

    private String finish() {
        flush();
        return HEX.formatHex(digest.digest());
    }

    private void write(JsonNode node) {
        // by class, the common kinds first: a virtual isX() here sees every kind of node, and each such call
        // cost several nanoseconds, as much as writing a short value (issue 16)
        if (node instanceof TextNode text) {
            writeString(text.textValue());
        } else if (node instanceof ObjectNode) {
            writeObject(node);
        } else if (node instanceof IntNode || node instanceof LongNode) {
            putLong(node.longValue()); // what the generator writes for these, without a String per number
        } else if (node instanceof NullNode) {
            put(NULL);
        } else if (node instanceof BooleanNode) {
            put(node.booleanValue() ? TRUE : FALSE);
        } else if (node instanceof ArrayNode) {
            put((byte) '[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                write(node.get(i));
            }
            put((byte) ']');
        } else if (node instanceof BigIntegerNode || node instanceof DecimalNode) {
            put(node.asText().getBytes(StandardCharsets.US_ASCII)); // what the generator writes for these
        } else {
            put(jacksonBytes(node)); // doubles, floats, binary, POJOs: never parsed from a request, so rare
        }
    }

    /**
     * The fields in key order. An object's key order is worked out once per shape and kept ({@link KeyOrder}),
     * per thread here, a few dozen shapes.
     */
    private void writeObject(JsonNode node) {
        writeObject(node, null, null, null);
    }

    /**
     * The fields in key order, each checked by {@code schema} as it is written when there is one (null: written
     * only). A field named {@code key} is also checked by {@code keyCheck}, with the fields under it. Stops at the
     * first field that is invalid; the bytes written by then are of no use.
     */
    private Verdict writeObject(JsonNode node, ObjectCheck schema, String key, SchemaCheck keyCheck) {
        int count = node.size();
        if (count == 0) {
            put(EMPTY_OBJECT);
            return schema == null ? Verdict.VALID : schema.check(node); // whether it requires a key
        }
        // arrays of this call, not kept per thread: they die young, and the thread keeps no part of the request
        // (clearing kept arrays after each object, and storing into old ones, cost more than allocating, issue 16)
        String[] keys = new String[count];
        JsonNode[] values = new JsonNode[count];
        int at = 0;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            keys[at] = field.getKey();
            values[at++] = field.getValue();
        }
        KeyOrder shape;
        SchemaCheck[] checks = null;
        if (schema != null) {
            ObjectCheck.Shape checked = schema.shape(keys);
            if (!checked.complete()) {
                return Verdict.INVALID;
            }
            shape = checked.keys();
            checks = checked.checks();
        } else {
            int slot = (keys[0].hashCode() * 31 + count) & (shapes.length - 1);
            shape = shapes[slot];
            if (shape == null || !shape.isOf(keys)) {
                shape = KeyOrder.of(keys);
                shapes[slot] = shape;
            }
        }
        put((byte) '{');
        Verdict verdict = Verdict.VALID;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            byte[] quoted = shape.quotedKeys()[i];
            int field = shape.order()[i];
            if (quoted != null) {
                put(quoted);
            } else {
                writeString(keys[field]);
                put((byte) ':');
            }
            SchemaCheck check = checks == null ? null : checks[field];
            if (key != null && key.equals(keys[field])) {
                Verdict own = check == null ? Verdict.VALID : check.check(values[field]);
                verdict = verdict.and(own == Verdict.INVALID ? own : own.and(walk(values[field], keyCheck)));
            } else {
                verdict = verdict.and(walk(values[field], check));
            }
            if (verdict == Verdict.INVALID) {
                return verdict;
            }
        }
        put((byte) '}');
        return verdict;
    }

    /**
     * Writes {@code node} and checks it with {@code check} (null: no check). An object under a schema with
     * {@code properties} is checked field by field as it is written, so the tree is walked once for both.
     */
    private Verdict walk(JsonNode node, SchemaCheck check) {
        if (check == null) {
            write(node);
            return Verdict.VALID;
        }
        if (check instanceof SchemaCheck.WithProperties object && node instanceof ObjectNode) {
            Verdict verdict = object.rest().check(node);
            return verdict == Verdict.INVALID ? verdict : verdict.and(writeObject(node, object.properties(), null, null));
        }
        // a string rule is the usual check: called directly, not through the interface (many receivers)
        Verdict verdict = check instanceof SchemaCheck.Text rule ? rule.check(node) : check.check(node);
        if (verdict == Verdict.INVALID) {
            return verdict;
        }
        if (node instanceof TextNode text) {
            writeString(text.textValue());
        } else {
            write(node);
        }
        return verdict;
    }

    private static byte[] jacksonBytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeString(String text) {
        put((byte) '"');
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8); // for an ASCII string, a bulk copy
        if (isPlainAscii(utf8, text.length())) {
            put(utf8); // nearly every string: written as is, not a char at a time
        } else {
            writeEscaped(text);
        }
        put((byte) '"');
    }

    /**
     * One byte per character and none that the generator escapes. A lone surrogate is encoded as one {@code ?},
     * so a {@code ?} sends the string to the escaping path too (which writes a real one unchanged).
     */
    static boolean isPlainAscii(byte[] utf8, int chars) {
        if (utf8.length != chars) {
            return false;
        }
        // one byte per character: every byte is below 0x80, which the word tests below rely on
        int i = 0;
        long passed = HIGH_BITS; // no early exit: nearly every string passes, and the loop runs without branches
        for (; i + Long.BYTES <= utf8.length; i += Long.BYTES) {
            passed &= plainBits((long) LONGS.get(utf8, i));
        }
        if (i == utf8.length) {
            return passed == HIGH_BITS;
        }
        if (utf8.length >= Long.BYTES) { // the last eight bytes as one word, overlapping bytes already passed
            return (passed & plainBits((long) LONGS.get(utf8, utf8.length - Long.BYTES))) == HIGH_BITS;
        }
        for (; i < utf8.length; i++) {
            if (NOT_PLAIN[utf8[i]]) {
                return false;
            }
        }
        return true;
    }

    /** The high bit of each byte of {@code word} (all below 0x80) that may be copied as is. */
    private static long plainBits(long word) {
        // a byte's high bit stays set through every test it passes; no sum carries into the next byte
        return (word + TO_SPACE) & ((word ^ QUOTES) + TO_ONE) & ((word ^ BACKSLASHES) + TO_ONE)
                & ((word ^ QUESTION_MARKS) + TO_ONE) & HIGH_BITS;
    }

    private void writeEscaped(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (length > BUFFER_BYTES - MAX_CHAR_BYTES) {
                flush();
            }
            char c = text.charAt(i);
            if (c < 0x80) {
                writeAscii(c);
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | (c >> 6));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                escape(c);
            } else {
                buffer[length++] = (byte) (0xE0 | (c >> 12));
                buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private void writeAscii(char c) {
        switch (c) {
            case '"', '\\' -> shortEscape((byte) c);
            case '\b' -> shortEscape((byte) 'b');
            case '\t' -> shortEscape((byte) 't');
            case '\n' -> shortEscape((byte) 'n');
            case '\f' -> shortEscape((byte) 'f');
            case '\r' -> shortEscape((byte) 'r');
            default -> {
                if (c < 0x20) {
                    escape(c);
                } else {
                    buffer[length++] = (byte) c;
                }
            }
        }
    }

    private void shortEscape(byte escaped) {
        buffer[length++] = '\\';
        buffer[length++] = escaped;
    }

    private void escape(char c) {
        buffer[length++] = '\\';
        buffer[length++] = 'u';
        buffer[length++] = HEX_UPPER[(c >> 12) & 0xF];
        buffer[length++] = HEX_UPPER[(c >> 8) & 0xF];
        buffer[length++] = HEX_UPPER[(c >> 4) & 0xF];
        buffer[length++] = HEX_UPPER[c & 0xF];
    }

    /** {@code Long.toString(value)}'s bytes. */
    private void putLong(long value) {
        if (value == Long.MIN_VALUE) { // has no positive counterpart
            put(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int at = digits.length;
        long rest = Math.abs(value);
        do {
            digits[--at] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        if (value < 0) {
            digits[--at] = '-';
        }
        if (length + digits.length - at > BUFFER_BYTES) {
            flush();
        }
        System.arraycopy(digits, at, buffer, length, digits.length - at);
        length += digits.length - at;
    }

    private void put(byte b) {
        if (length == BUFFER_BYTES) {
            flush();
        }
        buffer[length++] = b;
    }

    private void put(byte[] bytes) {
        if (length + bytes.length > BUFFER_BYTES) {
            flush();
            if (bytes.length > BUFFER_BYTES) {
                digest.update(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void flush() {
        digest.update(buffer, 0, length);
        length = 0;
    }
}
