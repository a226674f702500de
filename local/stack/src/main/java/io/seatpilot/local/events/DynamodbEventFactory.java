package io.seatpilot.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.local.aws.LocalAccount;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * The DynamoDB Streams event Lambda sends: the stream records as GetRecords returns them (images in DynamoDB's
 * typed JSON, creation time in epoch seconds), each with the stream's ARN. The region is the local account's,
 * not DynamoDB Local's own "ddblocal".
 */
final class DynamodbEventFactory {

    private final ObjectMapper json;

    DynamodbEventFactory(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode build(List<Record> records, String streamArn) {
        ObjectNode event = json.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (Record record : records) {
            ObjectNode item = array.addObject();
            item.put("eventID", record.eventID());
            item.put("eventName", record.eventNameAsString());
            item.put("eventVersion", record.eventVersion());
            item.put("eventSource", "aws:dynamodb");
            item.put("awsRegion", LocalAccount.REGION);
            item.set("dynamodb", streamRecord(record.dynamodb()));
            item.put("eventSourceARN", streamArn);
            if (record.userIdentity() != null) {
                item.putObject("userIdentity").put("type", record.userIdentity().type())
                        .put("principalId", record.userIdentity().principalId());
            }
        }
        return event;
    }

    private ObjectNode streamRecord(StreamRecord stream) {
        ObjectNode node = json.createObjectNode();
        if (stream.approximateCreationDateTime() != null) {
            node.put("ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
        }
        node.set("Keys", item(stream.keys()));
        if (stream.hasNewImage()) {
            node.set("NewImage", item(stream.newImage()));
        }
        if (stream.hasOldImage()) {
            node.set("OldImage", item(stream.oldImage()));
        }
        node.put("SequenceNumber", stream.sequenceNumber());
        node.put("SizeBytes", stream.sizeBytes());
        node.put("StreamViewType", stream.streamViewTypeAsString());
        return node;
    }

    private ObjectNode item(Map<String, AttributeValue> attributes) {
        ObjectNode node = json.createObjectNode();
        attributes.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    /** One attribute in DynamoDB's typed JSON, e.g. {@code {"S":"x"}}, {@code {"N":"1"}}, {@code {"M":{…}}}. */
    private ObjectNode value(AttributeValue value) {
        ObjectNode node = json.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode binaries = node.putArray("BS");
                value.bs().forEach(b -> binaries.add(base64(b)));
            }
            case M -> node.set("M", item(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(element -> list.add(value(element)));
            }
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("Unknown attribute type in " + value);
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
