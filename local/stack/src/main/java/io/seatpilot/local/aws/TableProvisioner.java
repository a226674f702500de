package io.seatpilot.local.aws;

import io.seatpilot.local.template.ResolvedProperties;
import io.seatpilot.local.template.TemplateException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * AWS::DynamoDB::Table → CreateTable on DynamoDB Local with the template's keys, indexes, billing mode and
 * stream, then UpdateTimeToLive when TTL is enabled. Encryption and point-in-time recovery have no local
 * meaning and are ignored.
 */
final class TableProvisioner implements Provisioner {

    private final DynamoDbClient dynamoDb;

    TableProvisioner(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    @Override
    public String resourceType() {
        return ResourceTypes.DYNAMODB_TABLE;
    }

    @Override
    public ProvisionedResource provision(ResolvedProperties table) {
        String name = table.string("TableName").orElse(table.logicalId());
        boolean provisioned = table.string("BillingMode").orElse("PROVISIONED").equals("PROVISIONED");
        var request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(table.maps("AttributeDefinitions").stream().map(d -> AttributeDefinition.builder()
                        .attributeName(d.requiredString("AttributeName"))
                        .attributeType(d.requiredString("AttributeType")).build()).toList())
                .keySchema(keySchema(table.maps("KeySchema")));
        throughput(table, provisioned).ifPresent(request::provisionedThroughput);
        List<GlobalSecondaryIndex> globalIndexes = table.maps("GlobalSecondaryIndexes").stream()
                .map(index -> GlobalSecondaryIndex.builder().indexName(index.requiredString("IndexName"))
                        .keySchema(keySchema(index.maps("KeySchema"))).projection(projection(index))
                        .provisionedThroughput(throughput(index, provisioned).orElse(null)).build()).toList();
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        List<LocalSecondaryIndex> localIndexes = table.maps("LocalSecondaryIndexes").stream()
                .map(index -> LocalSecondaryIndex.builder().indexName(index.requiredString("IndexName"))
                        .keySchema(keySchema(index.maps("KeySchema"))).projection(projection(index)).build()).toList();
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        table.map("StreamSpecification").flatMap(stream -> stream.string("StreamViewType")).ifPresent(view ->
                request.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(view).build()));

        TableDescription created = dynamoDb.createTable(request.build()).tableDescription();
        table.map("TimeToLiveSpecification").filter(ttl -> ttl.flag("Enabled", false)).ifPresent(ttl ->
                dynamoDb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(spec -> spec
                        .attributeName(ttl.requiredString("AttributeName")).enabled(true))));

        Map<String, String> attributes = new HashMap<>();
        attributes.put("Arn", LocalAccount.arn("dynamodb", "table/" + name));
        if (created.latestStreamArn() != null) {
            attributes.put("StreamArn", created.latestStreamArn());
        }
        return new ProvisionedResource(table.logicalId(), resourceType(), name, attributes);
    }

    private static List<KeySchemaElement> keySchema(List<ResolvedProperties> elements) {
        return elements.stream().map(k -> KeySchemaElement.builder().attributeName(k.requiredString("AttributeName"))
                .keyType(k.requiredString("KeyType")).build()).toList();
    }

    private static Projection projection(ResolvedProperties index) {
        var projection = index.map("Projection").orElseThrow(() -> new TemplateException(
                index.logicalId() + ": index " + index.string("IndexName").orElse("?") + " needs a Projection"));
        var builder = Projection.builder().projectionType(projection.string("ProjectionType").orElse("KEYS_ONLY"));
        List<String> nonKey = projection.strings("NonKeyAttributes");
        return (nonKey.isEmpty() ? builder : builder.nonKeyAttributes(nonKey)).build();
    }

    private static Optional<ProvisionedThroughput> throughput(ResolvedProperties owner, boolean provisioned) {
        if (!provisioned) {
            return Optional.empty();
        }
        var throughput = owner.map("ProvisionedThroughput");
        return Optional.of(ProvisionedThroughput.builder()
                .readCapacityUnits(throughput.flatMap(t -> t.string("ReadCapacityUnits")).map(Long::valueOf).orElse(5L))
                .writeCapacityUnits(throughput.flatMap(t -> t.string("WriteCapacityUnits")).map(Long::valueOf).orElse(5L))
                .build());
    }
}
