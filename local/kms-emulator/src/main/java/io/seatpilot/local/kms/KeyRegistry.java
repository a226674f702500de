package io.seatpilot.local.kms;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;

/** Keys and aliases in memory, and the four ways a KeyId parameter may name a key. Thread-safe. */
final class KeyRegistry {

    /** An alias as ListAliases reports it. */
    record Alias(String name, String targetKeyId, Instant creationDate) { }

    private static final Pattern ALIAS_NAME = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");

    private final ResourceNames names;
    private final ConcurrentMap<String, KmsKey> keys = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Alias> aliases = new ConcurrentHashMap<>();

    KeyRegistry(ResourceNames names) {
        this.names = names;
    }

    ResourceNames names() {
        return names;
    }

    KmsKey add(String id, KeySpec spec, SecretKey material, KmsKey.Origin origin, String description) {
        var key = new KmsKey(id, names.keyArn(id), spec, material, origin, description, Instant.now(),
                KeyState.ENABLED, null);
        if (keys.putIfAbsent(id, key) != null) {
            throw KmsError.of("AlreadyExistsException", "Key '" + key.arn() + "' already exists");
        }
        return key;
    }

    void remove(String id) {
        keys.remove(id);
    }

    /** Resolves a key id, key ARN, alias name or alias ARN, as the cryptographic operations and DescribeKey allow. */
    KmsKey resolve(String keyRef) {
        return resolve(keyRef, true);
    }

    /** Resolves a key id or key ARN only, as the key-management operations require. */
    KmsKey resolveKey(String keyRef) {
        return resolve(keyRef, false);
    }

    void createAlias(String aliasName, KmsKey target) {
        requireValidAliasName(aliasName);
        if (target.state() == KeyState.PENDING_DELETION) {
            throw target.pendingDeletion();
        }
        if (aliases.putIfAbsent(aliasName, new Alias(aliasName, target.id(), Instant.now())) != null) {
            throw KmsError.of("AlreadyExistsException",
                    "An alias with the name " + names.aliasArn(aliasName) + " already exists");
        }
    }

    static void requireValidAliasName(String aliasName) {
        if (!ALIAS_NAME.matcher(aliasName).matches()) {
            throw KmsError.of("InvalidAliasNameException", "Alias must match " + ALIAS_NAME.pattern());
        }
        if (aliasName.startsWith("alias/aws/")) {
            throw KmsError.of("InvalidAliasNameException", "Alias prefix alias/aws/ is reserved for AWS managed keys");
        }
    }

    /** Applies a state change atomically against concurrent changes to the same key. */
    KmsKey update(KmsKey key, UnaryOperator<KmsKey> change) {
        return keys.computeIfPresent(key.id(), (id, current) -> change.apply(current));
    }

    List<KmsKey> keysById() {
        return keys.values().stream().sorted(Comparator.comparing(KmsKey::id)).toList();
    }

    List<Alias> aliasesByName() {
        return aliases.values().stream().sorted(Comparator.comparing(Alias::name)).toList();
    }

    private KmsKey resolve(String keyRef, boolean aliasesAllowed) {
        if (keyRef.startsWith("arn:")) {
            String resource = names.resourceOf(keyRef).orElseThrow(() -> invalidKeyId(keyRef));
            return resource.startsWith("key/")
                    ? byId(resource.substring("key/".length()))
                    : byAlias(resource, keyRef, aliasesAllowed);
        }
        return keyRef.startsWith("alias/") ? byAlias(keyRef, keyRef, aliasesAllowed) : byId(keyRef);
    }

    private KmsKey byAlias(String aliasName, String keyRef, boolean aliasesAllowed) {
        if (!aliasesAllowed || !aliasName.startsWith("alias/")) {
            throw invalidKeyId(keyRef);
        }
        Alias alias = aliases.get(aliasName);
        if (alias == null) {
            throw KmsError.of("NotFoundException", "Alias " + names.aliasArn(aliasName) + " is not found.");
        }
        return byId(alias.targetKeyId());
    }

    private KmsKey byId(String id) {
        KmsKey key = keys.get(id);
        if (key == null) {
            throw KmsError.of("NotFoundException", "Key '" + names.keyArn(id) + "' does not exist");
        }
        return key;
    }

    private static KmsError invalidKeyId(String keyRef) {
        return KmsError.of("NotFoundException", "Invalid keyId " + keyRef);
    }
}
