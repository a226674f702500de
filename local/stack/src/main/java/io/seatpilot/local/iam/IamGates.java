package io.seatpilot.local.iam;

import io.seatpilot.local.aws.LocalAwsClients;
import io.seatpilot.local.log.StackLog;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The gates in front of every stand-in the functions call — DynamoDB (with Streams), SQS, KMS, SES v2, SNS
 * and the WebSocket API's {@code @connections} — started together and closed together. Key schemas and key ARNs are read from the
 * stand-ins themselves (as the stack's administrator), once each.
 */
public final class IamGates implements AutoCloseable {

    private final IamGate dynamoDb;
    private final IamGate sqs;
    private final IamGate kms;
    private final IamGate connections;
    private final IamGate ses;
    private final IamGate sns;

    /** Stand-in endpoints the gates forward to; SES v2 and SNS share the messaging stand-in. */
    public record Upstreams(URI dynamoDb, URI sqs, URI kms, URI connections, URI messaging) {
    }

    /**
     * @param sesIdentityArns a sender address → the ARN of the SES identity that verifies it (the messaging
     *                        stand-in knows its identities)
     */
    public IamGates(Upstreams upstreams, LocalAwsClients admin, Supplier<Optional<ApiStage>> webSocketApi,
                    Function<String, String> sesIdentityArns, FunctionCredentials credentials, IamMode mode, StackLog log) {
        Map<String, Optional<String>> partitionKeys = new ConcurrentHashMap<>();
        Map<String, String> keyArns = new ConcurrentHashMap<>();
        this.dynamoDb = new IamGate(new DynamoDbService((table, index) -> partitionKeys.computeIfAbsent(table + "/" + index,
                ignored -> partitionKey(admin, table, index))), upstreams.dynamoDb(), credentials, mode, log);
        this.sqs = new IamGate(new SqsService(), upstreams.sqs(), credentials, mode, log);
        this.kms = new IamGate(new KmsService(key -> keyArns.computeIfAbsent(key, ignored -> keyArn(admin, key))),
                upstreams.kms(), credentials, mode, log);
        this.connections = new IamGate(new ConnectionsService(webSocketApi), upstreams.connections(), credentials, mode, log);
        this.ses = new IamGate(new SesService(sesIdentityArns), upstreams.messaging(), credentials, mode, log);
        this.sns = new IamGate(new SnsService(), upstreams.messaging(), credentials, mode, log);
    }

    public URI dynamoDb() {
        return dynamoDb.endpoint();
    }

    public URI sqs() {
        return sqs.endpoint();
    }

    public URI kms() {
        return kms.endpoint();
    }

    public URI connections() {
        return connections.endpoint();
    }

    public URI ses() {
        return ses.endpoint();
    }

    public URI sns() {
        return sns.endpoint();
    }

    private static Optional<String> partitionKey(LocalAwsClients admin, String table, String index) {
        try {
            TableDescription description = admin.dynamoDb().describeTable(r -> r.tableName(table)).table();
            List<KeySchemaElement> schema = index == null ? description.keySchema() : description.globalSecondaryIndexes().stream()
                    .filter(gsi -> gsi.indexName().equals(index)).findFirst().map(gsi -> gsi.keySchema())
                    .orElse(description.keySchema());
            return schema.stream().filter(key -> key.keyType() == KeyType.HASH).map(KeySchemaElement::attributeName).findFirst();
        } catch (RuntimeException e) {
            // no such table: the stand-in answers ResourceNotFoundException itself
            return Optional.empty();
        }
    }

    private static String keyArn(LocalAwsClients admin, String key) {
        try {
            return admin.kms().describeKey(r -> r.keyId(key)).keyMetadata().arn();
        } catch (RuntimeException e) {
            return key;
        }
    }

    @Override
    public void close() {
        for (IamGate gate : List.of(dynamoDb, sqs, kms, connections, ses, sns)) {
            gate.close();
        }
    }
}
