package io.seatpilot.core.snapstart;

import io.seatpilot.core.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * a socket on this machine's loopback address that this class opens, answers and closes itself. Its answer holds an item of
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
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread answering = Thread.ofVirtual().name("dynamodb-priming").start(() -> answerUntilClosed(server));
            call(env, URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort()));
            server.close();
            answering.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while priming DynamoDB", e);
        }
    }

    /**
     * Answers each request on its own connection, then closes it. A plain socket rather than the JDK's HTTP server:
     * {@code java.base} is all a runtime is sure to have, and the SDK only needs a status line, a length and a body.
     */
    private static void answerUntilClosed(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                var in = new java.io.DataInputStream(connection.getInputStream());
                long length = 0;
                for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                    if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Long.parseLong(line.substring(15).trim());
                    }
                }
                in.skipNBytes(length);
                var out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: " + ANSWER.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(ANSWER);
                out.flush();
            } catch (IOException closedOrBroken) {
                // the server was closed (priming is over), or the client gave up on this connection
            }
        }
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void call(Env env, URI endpoint) {
        try (var http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build();
             DynamoDbClient dynamo = DynamoDbClient.builder()
                     .region(Region.of(env.optional("AWS_REGION", "us-east-1")))
                     .credentialsProvider(OfflineClients.CREDENTIALS)
                     .endpointOverride(endpoint)
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
        }
    }
}
