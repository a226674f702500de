package io.seatpilot.core.store;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB Streams image (the Lambda events library's attribute type) in the SDK's attribute type, so that
 * the stream consumers read stored items with the same {@link Items} helpers as the stores do. Only strings and
 * numbers are carried over: no stream consumer reads attributes of another type.
 */
public final class StreamImages {

    private StreamImages() {
    }

    public static Map<String, AttributeValue> item(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> item = new HashMap<>();
        if (image != null) {
            image.forEach((name, value) -> {
                if (value.getS() != null) {
                    item.put(name, Items.s(value.getS()));
                } else if (value.getN() != null) {
                    item.put(name, AttributeValue.fromN(value.getN()));
                }
            });
        }
        return item;
    }
}
