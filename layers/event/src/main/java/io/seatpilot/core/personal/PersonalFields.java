package io.seatpilot.core.personal;

import io.seatpilot.core.snapstart.FreshRandom;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Seals a guest's personal fields into item attributes and opens them again (SPEC §16). Callers hand it plain
 * values and get attributes back; nothing else in the code base sees a data key.
 */
public final class PersonalFields {

    private final EventDataKeys keys;
    private final FreshRandom random;

    public PersonalFields(EventDataKeys keys, FreshRandom random) {
        this.keys = keys;
        this.random = random;
    }

    /** {@code sealed_<field>} attributes for the values present (absent or blank values are simply not stored). */
    public Map<String, AttributeValue> seal(String tenant, String event, String guestId, Map<SealedField, String> values) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        values.forEach((field, value) -> {
            if (value != null && !value.isBlank()) {
                byte[] sealed = FieldCipher.seal(keys.key(tenant, event),
                        new FieldCipher.Binding(tenant, event, guestId, field), value, random);
                attributes.put(field.attribute(), AttributeValue.fromB(SdkBytes.fromByteArray(sealed)));
            }
        });
        return attributes;
    }

    /** The plain values of the sealed attributes an item holds. */
    public Map<SealedField, String> open(String tenant, String event, String guestId, Map<String, AttributeValue> item) {
        Map<SealedField, String> values = new EnumMap<>(SealedField.class);
        for (SealedField field : SealedField.values()) {
            AttributeValue sealed = item.get(field.attribute());
            if (sealed != null && sealed.b() != null) {
                values.put(field, FieldCipher.open(keys.key(tenant, event),
                        new FieldCipher.Binding(tenant, event, guestId, field), sealed.b().asByteArray()));
            }
        }
        return values;
    }

    public static boolean holds(Map<String, AttributeValue> item, SealedField field) {
        return item.containsKey(field.attribute());
    }
}
