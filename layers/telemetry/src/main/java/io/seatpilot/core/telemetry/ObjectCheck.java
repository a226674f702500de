package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * {@code properties}, {@code additionalProperties} (false, true or absent) and {@code required} of one schema, in
 * one pass over an object's fields. An object's shape — its keys in the order they came — is remembered with each
 * key's check and whether the required keys are all there: a device sends the same shapes over and over, and the
 * parser hands out the same String for a key each time, so a known shape costs a reference comparison per key
 * where a hash lookup per property and per required key was a third of the compiled checks (issue 16). Keys that
 * are equal but other objects, or in another order, are a new shape and are looked up as before. A shape also
 * knows its key order ({@link KeyOrder}), so that {@link ContentHash} can check an object while it writes it.
 */
final class ObjectCheck implements SchemaCheck {

    /** Shapes kept per schema, a power of two; slotted by their number of keys. */
    private static final int SHAPES = 8;
    private static final SchemaCheck UNKNOWN = node -> Verdict.INVALID;

    private final Map<String, SchemaCheck> known;
    private final boolean closed;
    private final String[] required;
    /** Read and written by any thread: a shape is immutable, and a lost write only costs a lookup next time. */
    private final Shape[] shapes = new Shape[SHAPES];

    ObjectCheck(Map<String, SchemaCheck> known, boolean closed, String[] required) {
        this.known = Map.copyOf(known);
        this.closed = closed;
        this.required = required.clone();
    }

    /**
     * Keys as they came (with their key order), the check of each in that order (null: any value), and whether
     * every required key is among them.
     */
    record Shape(KeyOrder keys, SchemaCheck[] checks, boolean complete) {
    }

    /** The shape of an object with these keys, as they came; keeps {@code keys} when the shape is new. */
    Shape shape(String[] keys) {
        int slot = keys.length & (SHAPES - 1);
        Shape shape = shapes[slot];
        if (shape == null || !shape.keys.isOf(keys)) {
            shape = shapeOf(keys);
            shapes[slot] = shape;
        }
        return shape;
    }

    @Override
    public Verdict check(JsonNode node) {
        if (!node.isObject()) {
            return Verdict.VALID; // these keywords apply to objects only
        }
        int count = node.size();
        int slot = count & (SHAPES - 1);
        Shape shape = shapes[slot];
        String[] kept = shape == null ? null : shape.keys.keys();
        boolean same = kept != null && kept.length == count;
        String[] keys = same ? null : new String[count];
        Verdict verdict = Verdict.VALID;
        int at = 0;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            SchemaCheck check;
            if (same && kept[at] == key) {
                check = shape.checks[at];
            } else {
                if (same) {
                    same = false;
                    keys = Arrays.copyOf(kept, count); // the keys before this one are the shape's
                }
                keys[at] = key;
                check = checkOf(key);
            }
            if (check != null) {
                JsonNode value = field.getValue();
                verdict = verdict.and(check instanceof SchemaCheck.Text text ? text.check(value) : check.check(value));
                if (verdict == Verdict.INVALID) {
                    return verdict;
                }
            }
            at++;
        }
        if (!same) {
            shape = shapeOf(keys);
            shapes[slot] = shape;
        }
        return shape.complete ? verdict : Verdict.INVALID;
    }

    private SchemaCheck checkOf(String key) {
        SchemaCheck check = known.get(key);
        return check == null && closed ? UNKNOWN : check;
    }

    private Shape shapeOf(String[] keys) {
        SchemaCheck[] checks = new SchemaCheck[keys.length];
        for (int i = 0; i < keys.length; i++) {
            checks[i] = checkOf(keys[i]);
        }
        return new Shape(KeyOrder.of(keys), checks, Set.of(keys).containsAll(Arrays.asList(required)));
    }
}
