package io.seatpilot.local.kms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Key and alias management: CreateKey, DescribeKey, ListKeys, CreateAlias, ListAliases and key state changes. */
final class KeyOperations {

    private final KeyRegistry registry;
    private final SecureRandom random;

    KeyOperations(KeyRegistry registry, SecureRandom random) {
        this.registry = registry;
        this.random = random;
    }

    ObjectNode createKey(JsonRequest request) {
        String specName = request.optionalString("KeySpec")
                .or(() -> request.optionalString("CustomerMasterKeySpec"))
                .orElse(KeySpec.SYMMETRIC_DEFAULT.name());
        KeySpec spec = KeySpec.named(specName).orElseThrow(() -> unsupported("KeySpec " + specName));
        String usage = request.optionalString("KeyUsage").orElse(KeyUsage.ENCRYPT_DECRYPT.name());
        if (!usage.equals(spec.usage().name())) {
            throw KmsError.validation("KeyUsage " + usage + " is not valid for KeySpec " + spec
                    + "; it requires " + spec.usage());
        }
        String origin = request.optionalString("Origin").orElse(KmsKey.Origin.AWS_KMS.name());
        if (!origin.equals(KmsKey.Origin.AWS_KMS.name())) {
            throw unsupported("Origin " + origin);
        }
        if (request.flag("MultiRegion")) {
            throw unsupported("Multi-Region keys");
        }
        KmsKey key = registry.add(UUID.randomUUID().toString(), spec, spec.generate(random), KmsKey.Origin.AWS_KMS,
                request.optionalString("Description").orElse(""));
        return metadataOf(key);
    }

    ObjectNode describeKey(JsonRequest request) {
        return metadataOf(registry.resolve(request.requiredString("KeyId")));
    }

    ObjectNode listKeys(JsonRequest request) {
        Page<KmsKey> page = Page.of(registry.keysById(), KmsKey::id, limit(request, 1000, 100),
                request.optionalString("Marker").orElse(null));
        ObjectNode response = object();
        ArrayNode keys = response.putArray("Keys");
        page.items().forEach(key -> keys.addObject().put("KeyId", key.id()).put("KeyArn", key.arn()));
        return paged(response, page);
    }

    ObjectNode createAlias(JsonRequest request) {
        String aliasName = request.requiredString("AliasName");
        registry.createAlias(aliasName, registry.resolveKey(request.requiredString("TargetKeyId")));
        return object();
    }

    ObjectNode listAliases(JsonRequest request) {
        String targetId = request.optionalString("KeyId").map(ref -> registry.resolveKey(ref).id()).orElse(null);
        var matching = registry.aliasesByName().stream()
                .filter(alias -> targetId == null || alias.targetKeyId().equals(targetId))
                .toList();
        Page<KeyRegistry.Alias> page = Page.of(matching, KeyRegistry.Alias::name, limit(request, 100, 50),
                request.optionalString("Marker").orElse(null));
        ObjectNode response = object();
        ArrayNode aliases = response.putArray("Aliases");
        page.items().forEach(alias -> aliases.addObject()
                .put("AliasName", alias.name())
                .put("AliasArn", registry.names().aliasArn(alias.name()))
                .put("TargetKeyId", alias.targetKeyId())
                .put("CreationDate", epochSeconds(alias.creationDate()))
                .put("LastUpdatedDate", epochSeconds(alias.creationDate())));
        return paged(response, page);
    }

    ObjectNode enableKey(JsonRequest request) {
        changeState(request, KeyState.ENABLED, null);
        return object();
    }

    ObjectNode disableKey(JsonRequest request) {
        changeState(request, KeyState.DISABLED, null);
        return object();
    }

    ObjectNode scheduleKeyDeletion(JsonRequest request) {
        int days = request.optionalInt("PendingWindowInDays", 7, 30).orElse(30);
        KmsKey key = changeState(request, KeyState.PENDING_DELETION, Instant.now().plus(Duration.ofDays(days)));
        return object()
                .put("KeyId", key.arn())
                .put("DeletionDate", epochSeconds(key.deletionDate()))
                .put("KeyState", key.state().wireName())
                .put("PendingWindowInDays", days);
    }

    /** Keys pending deletion accept no state change other than cancellation, which this endpoint lacks. */
    private KmsKey changeState(JsonRequest request, KeyState target, Instant deletionDate) {
        KmsKey key = registry.resolveKey(request.requiredString("KeyId"));
        return registry.update(key, current -> {
            if (current.state() == KeyState.PENDING_DELETION) {
                throw current.pendingDeletion();
            }
            return current.withState(target, deletionDate);
        });
    }

    private ObjectNode metadataOf(KmsKey key) {
        ObjectNode response = object();
        ObjectNode metadata = response.putObject("KeyMetadata")
                .put("AWSAccountId", registry.names().account())
                .put("KeyId", key.id())
                .put("Arn", key.arn())
                .put("CreationDate", epochSeconds(key.creationDate()))
                .put("Enabled", key.state() == KeyState.ENABLED)
                .put("Description", key.description())
                .put("KeyUsage", key.spec().usage().name())
                .put("KeyState", key.state().wireName())
                .put("Origin", key.origin().name())
                .put("KeyManager", "CUSTOMER")
                .put("CustomerMasterKeySpec", key.spec().name())
                .put("KeySpec", key.spec().name())
                .put("MultiRegion", false);
        switch (key.spec().usage()) {
            case ENCRYPT_DECRYPT -> metadata.putArray("EncryptionAlgorithms").add("SYMMETRIC_DEFAULT");
            case GENERATE_VERIFY_MAC -> metadata.putArray("MacAlgorithms").add(key.spec().macAlgorithm().orElseThrow());
        }
        if (key.origin() == KmsKey.Origin.EXTERNAL) {
            metadata.put("ExpirationModel", "KEY_MATERIAL_DOES_NOT_EXPIRE");
        }
        if (key.deletionDate() != null) {
            metadata.put("DeletionDate", epochSeconds(key.deletionDate()));
        }
        return response;
    }

    private static int limit(JsonRequest request, int max, int defaultLimit) {
        return request.optionalInt("Limit", 1, max).orElse(defaultLimit);
    }

    private static ObjectNode paged(ObjectNode response, Page<?> page) {
        response.put("Truncated", page.truncated());
        if (page.truncated()) {
            response.put("NextMarker", page.nextMarker());
        }
        return response;
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The JSON protocols carry timestamps as epoch seconds; millisecond precision is what AWS returns. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static KmsError unsupported(String what) {
        return KmsError.of("UnsupportedOperationException", what + " is not supported by the local KMS endpoint");
    }
}
