package io.seatpilot.core.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.config.Env;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A primer's client answers each call by its operation and what it asks for, and decodes what it is answered. */
class CannedAnswersTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();

    @Test
    void eachCallIsAnsweredByItsOperationAndKey() {
        try (DynamoDbClient dynamo = OfflineClients.client(new Env(Map.of()), DynamoDbClient::builder, (operation, request) -> {
            asked.add(operation + " " + request.path("Key").path("sk").path("S").asText());
            return switch (operation) {
                case "GetItem" -> "KEY".equals(request.path("Key").path("sk").path("S").asText())
                        ? "{\"Item\":{\"pk\":{\"S\":\"T#t#KEY#k\"},\"role\":{\"S\":\"kiosk\"}}}" : "{}";
                default -> "{}";
            };
        })) {
            var key = dynamo.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("T#t#KEY#k"),
                    "sk", AttributeValue.fromS("KEY")))).item();
            var pass = dynamo.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("T#t#PASS#h"),
                    "sk", AttributeValue.fromS("PASS")))).item();
            dynamo.putItem(b -> b.tableName("t").item(Map.of("pk", AttributeValue.fromS("n"), "sk", AttributeValue.fromS("NONCE"))));

            assertEquals("kiosk", key.get("role").s());
            assertTrue(pass.isEmpty(), "another key is answered with nothing");
            assertEquals(List.of("GetItem KEY", "GetItem PASS", "PutItem "), asked);
        }
    }
}
