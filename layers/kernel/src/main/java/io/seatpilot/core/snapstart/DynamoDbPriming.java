package io.seatpilot.core.snapstart;

import com.sun.net.httpserver.HttpServer;
import io.seatpilot.core.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * DynamoDB's whole client path once, for a {@link Primer}: the kinds of call every function makes (get, query,
 * batch get, conditional put, update, transaction), through the URL-connection HTTP client the functions use, to
 * a server on this machine's loopback address that this class starts and stops itself. Its answer holds an item of
 * every attribute type, so the unmarshallers of items, lists and maps run too — what {@link OfflineClients}' canned
 * empty answers leave out. Nothing reaches DynamoDB; the one connection is to this process and is closed before the
 * snapshot (the answer says {@code Connection: close}).
 *
 * <p>What stays for the first request after restore: the TLS handshake and the credentials fetch, which need the
 * real endpoints, and the function's own stores' decoding of what they read.
 */
public final class DynamoDbPriming {

    private static final String ITEM = """
            {"pk":{"S":"T#priming#E#priming-event"},"sk":{"S":"GUEST#g-1"},"n":{"N":"1"},"b":{"B":"AAAA"},
             "bool":{"BOOL":true},"nul":{"NULL":true},"l":{"L":[{"S":"a"},{"N":"2"}]},"m":{"M":{"k":{"S":"v"}}},
             "ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"bs":{"BS":["AAAA"]}}""";
    /** One answer for every operation: each reads its own fields (GetItem's Item, Query's Items…) and ignores the rest. */
    private static final byte[] ANSWER = ("{\"Item\":" + ITEM + ",\"Items\":[" + ITEM + "],\"Count\":1,\"ScannedCount\":1,"
            + "\"Responses\":{\"priming\":[" + ITEM + "]},\"UnprocessedKeys\":{},\"Attributes\":" + ITEM + "}")
            .getBytes(StandardCharsets.UTF_8);

    private DynamoDbPriming() {
    }

    public static void prime(Env env) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.getResponseHeaders().add("Connection", "close");
                exchange.sendResponseHeaders(200, ANSWER.length);
                exchange.getResponseBody().write(ANSWER);
            }
        });
        server.start();
        try (var http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build();
             DynamoDbClient dynamo = DynamoDbClient.builder()
                     .region(Region.of(env.optional("AWS_REGION", "us-east-1")))
                     .credentialsProvider(OfflineClients.CREDENTIALS)
                     .endpointOverride(URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()))
                     .httpClient(http)
                     .build()) {
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("T#priming#E#priming-event"), "sk", AttributeValue.fromS("EVENT"));
            dynamo.getItem(b -> b.tableName("priming").key(key).consistentRead(true));
            dynamo.queryPaginator(b -> b.tableName("priming").keyConditionExpression("pk = :pk AND begins_with(sk, :sk)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("T#priming"), ":sk", AttributeValue.fromS("GUEST#"))))
                    .items().forEach(item -> { });
            dynamo.batchGetItem(b -> b.requestItems(Map.of("priming", software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes
                    .builder().keys(List.of(key)).consistentRead(true).build())));
            dynamo.putItem(b -> b.tableName("priming").item(key).conditionExpression("attribute_not_exists(pk)")
                    .returnValues(ReturnValue.ALL_OLD));
            dynamo.updateItem(b -> b.tableName("priming").key(key).updateExpression("ADD n :one SET expires_at = :e")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":e", AttributeValue.fromN("0")))
                    .returnValues(ReturnValue.ALL_NEW));
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName("priming").item(key).conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName("priming").key(key).updateExpression("ADD n :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build()));
        } finally {
            server.stop(0);
        }
    }
}
