package io.seatpilot.core.event;

import io.seatpilot.core.store.EventKeys;

import io.seatpilot.core.auth.PassTokens;

import io.seatpilot.core.store.Batches;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Pass records keyed by the token's hash under the token's tenant; the token itself is never stored. */
public final class PassStore {

    /** Draws before a code collision is taken as a fault rather than bad luck (2^40 codes per event). */
    private static final int CODE_ATTEMPTS = 8;
    /** The codes' conditional puts run side by side (one per pass; BatchWriteItem takes no conditions). */
    private static final ExecutorService CODE_WRITES = Executors.newVirtualThreadPerTaskExecutor();
    private static final int CODE_WRITES_IN_FLIGHT = 16;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Batches batches;
    private final Supplier<ShortCodeKeys> codeKeys;

    /** Without short codes: for readers that only resolve passes by token or stored hash. */
    public PassStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, () -> {
            throw new IllegalStateException("Short codes are not configured for this function");
        });
    }

    /** {@code codeKeys} is asked for only when a code is issued or looked up (it needs KMS). */
    public PassStore(DynamoDbClient dynamo, String table, Supplier<ShortCodeKeys> codeKeys) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = new Batches(dynamo, table);
        this.codeKeys = codeKeys;
    }

    /**
     * Stores freshly issued passes, each replacing the pass its guest or household held before: a guest has one
     * pass (SPEC §6), so a pass issued again — lost, forwarded, printed wrong — makes the old token unknown
     * ({@code 404 pass_unknown} at the door and on the pass view). Each event keeps a pointer per guest and per
     * household to its current pass's hash, which is how the old pass item is found (tokens are never stored).
     * The new passes and pointers are written before the old passes are deleted, so a failure half-way leaves a
     * guest with too many valid passes, never with none. Two issues racing for one guest may both leave their pass
     * valid (the deletes read the pointer before either wrote it); issuing is a planner's bulk action, not a door
     * operation, so this is accepted rather than paid for with a read on every scan. Each pass also gets a fresh
     * short code (drawn by {@code newCode}, canonical form) whose lookup item replaces the old code's the same way;
     * answers the passes with their codes.
     */
    public List<IssuedPass> store(String tenant, String event, List<IssuedPass> passes, Map<String, String> householdOfGuest,
                                  long issuedAt, Supplier<String> newCode, CodeHashing hashing) {
        Map<String, Map<String, AttributeValue>> previous = new HashMap<>();
        batches.getAll(passes.stream().map(p -> pointerKey(tenant, event, p)).toList())
                .forEach(item -> previous.put(Items.string(item, Keys.SK).orElseThrow(), item));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (IssuedPass p : passes) {
            Map<String, AttributeValue> item = new HashMap<>(key(tenant, PassTokens.hash(p.token())));
            item.put("event_id", Items.s(event));
            if (p.guestId() != null) {
                item.put("guest_id", Items.s(p.guestId()));
                String household = householdOfGuest.get(p.guestId());
                if (household != null) {
                    item.put("guest_household_id", Items.s(household));
                }
            } else {
                item.put("household_id", Items.s(p.householdId()));
            }
            item.put("issued_at", Items.n(issuedAt));
            items.add(item);
        }
        // codes first: each is claimed with a conditional put (unique per event), and the pointers below name them
        List<String> codeHashes = new ArrayList<>();
        List<IssuedPass> issued = claimCodes(tenant, event, passes, items, newCode, codeHashes);
        // the door list's slow hash and the pass page's sealed code are made now, the only moment the code is known
        List<String> slowHashes = parallel(issued.stream().map(p -> (Callable<String>) () -> hashing.hash(p.code())).toList());
        List<WriteRequest> puts = new ArrayList<>();
        List<WriteRequest> deletes = new ArrayList<>();
        for (int i = 0; i < passes.size(); i++) {
            IssuedPass p = passes.get(i);
            String hash = PassTokens.hash(p.token());
            String codeHash = codeHashes.get(i);
            Map<String, AttributeValue> passItem = new HashMap<>(items.get(i));
            passItem.put("code_sealed", Items.s(SealedCodes.seal(p.token(), issued.get(i).code())));
            puts.add(Batches.put(passItem));
            Map<String, AttributeValue> pointer = new HashMap<>(pointerKey(tenant, event, p));
            pointer.put("hash", Items.s(hash));
            pointer.put("code_hash", Items.s(codeHash));
            pointer.put("code_slow_hash", Items.s(slowHashes.get(i)));
            pointer.put("issued_at", Items.n(issuedAt));
            puts.add(Batches.put(pointer));
            Map<String, AttributeValue> before = previous.get(pointerSk(p));
            if (before != null) {
                Items.string(before, "hash").filter(old -> !old.equals(hash)).ifPresent(old -> deletes.add(Batches.delete(key(tenant, old))));
                Items.string(before, "code_hash").filter(old -> !old.equals(codeHash))
                        .ifPresent(old -> deletes.add(Batches.delete(codeKey(tenant, event, old))));
            }
        }
        batches.writeAll(puts);
        batches.writeAll(deletes);
        return issued;
    }

    /** Draws a code per pass and claims its lookup item; a code already held in this event is drawn again. */
    private List<IssuedPass> claimCodes(String tenant, String event, List<IssuedPass> passes,
                                        List<Map<String, AttributeValue>> items, Supplier<String> newCode,
                                        List<String> codeHashes) {
        ShortCodeKeys keys = passes.isEmpty() ? null : codeKeys.get();
        record Claimed(IssuedPass issued, String codeHash) {
        }
        List<Future<Claimed>> claims = new ArrayList<>();
        Semaphore inFlight = new Semaphore(CODE_WRITES_IN_FLIGHT);
        for (int i = 0; i < passes.size(); i++) {
            IssuedPass pass = passes.get(i);
            Map<String, AttributeValue> passItem = items.get(i);
            claims.add(CODE_WRITES.submit(() -> {
                inFlight.acquireUninterruptibly();
                try {
                    for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
                        String code = newCode.get();
                        String codeHash = keys.hash(tenant, event, code);
                        Map<String, AttributeValue> item = new HashMap<>(passItem);
                        item.putAll(codeKey(tenant, event, codeHash));
                        item.put("pass_hash", Items.s(PassTokens.hash(pass.token())));
                        try {
                            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                            return new Claimed(pass.withCode(code), codeHash);
                        } catch (ConditionalCheckFailedException taken) {
                            // another pass of this event holds this code: draw again
                        }
                    }
                    throw new IllegalStateException("No free short code after " + CODE_ATTEMPTS + " draws");
                } finally {
                    inFlight.release();
                }
            }));
        }
        List<IssuedPass> issued = new ArrayList<>();
        for (Claimed claimed : join(claims)) {
            issued.add(claimed.issued());
            codeHashes.add(claimed.codeHash());
        }
        return issued;
    }

    /** Runs CPU-bound work (slow hashes) on every core of the function at once. */
    private static <T> List<T> parallel(List<Callable<T>> work) {
        List<Future<T>> futures = new ArrayList<>();
        Semaphore cores = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
        for (Callable<T> job : work) {
            futures.add(CODE_WRITES.submit(() -> {
                cores.acquireUninterruptibly();
                try {
                    return job.call();
                } finally {
                    cores.release();
                }
            }));
        }
        return join(futures);
    }

    private static <T> List<T> join(List<Future<T>> futures) {
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return results;
    }

    /**
     * The event's code hashing (salt and cost), made on the first issue of the event and kept for its life: every
     * code of one door list must be hashed with the same salt.
     */
    public CodeHashing codeHashing(String tenant, String event, Supplier<CodeHashing> fresh) {
        return codeHashing(tenant, event).orElseGet(() -> {
            CodeHashing made = fresh.get();
            Map<String, AttributeValue> item = new HashMap<>(EventKeys.item(tenant, event, EventKeys.CODE_HASHING, "PBKDF2"));
            item.put("salt", Items.s(made.salt()));
            item.put("iterations", Items.n(made.iterations()));
            item.put("length_bits", Items.n(made.lengthBits()));
            try {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return made;
            } catch (ConditionalCheckFailedException raced) {
                return codeHashing(tenant, event).orElseThrow();
            }
        });
    }

    /** The event's code hashing, if any pass was ever issued for it. */
    public Optional<CodeHashing> codeHashing(String tenant, String event) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(EventKeys.item(tenant, event, EventKeys.CODE_HASHING, "PBKDF2"))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CodeHashing(CodeHashing.ALGORITHM, Items.string(item, "salt").orElseThrow(),
                (int) Items.number(item, "iterations", 0), (int) Items.number(item, "length_bits", 0)));
    }

    /** Every current pass of the event, one query (the pointers written by {@link #store}). */
    public List<CurrentPass> current(String tenant, String event) {
        return dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, EventKeys.PASS_OF)))))
                .items().stream()
                .map(item -> new CurrentPass(Items.string(item, Keys.SK).orElseThrow(), Items.string(item, "hash").orElseThrow(),
                        Items.string(item, "code_slow_hash").orElse(null)))
                .toList();
    }

    /**
     * The short code of a pass, opened with its token (see {@link SealedCodes}); empty for passes issued before
     * codes were sealed.
     */
    public Optional<String> code(String tenant, String token) {
        if (!PassTokens.tenantOf(token).map(tenant::equals).orElse(false)) {
            return Optional.empty();
        }
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenant, PassTokens.hash(token)))
                .projectionExpression("code_sealed")).item();
        return item == null ? Optional.empty()
                : Items.string(item, "code_sealed").flatMap(sealed -> SealedCodes.open(token, sealed));
    }

    /**
     * The pass a short code (canonical form) opens in {@code event}; codes are unique per event, so the same
     * code typed at another event is unknown there.
     */
    public Optional<Pass> findByCode(String tenant, String event, String canonicalCode) {
        String codeHash = codeKeys.get().hash(tenant, event, canonicalCode);
        var item = dynamo.getItem(b -> b.tableName(table).key(codeKey(tenant, event, codeHash))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(pass(item));
    }

    /**
     * The pass of a token with its short code, in one read: the guest's pass page shows both, and a second read
     * of the same item was most of the page's server time.
     */
    public Optional<OpenedPass> open(String tenant, String token) {
        if (!PassTokens.tenantOf(token).map(tenant::equals).orElse(false)) {
            return Optional.empty();
        }
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenant, PassTokens.hash(token)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OpenedPass(pass(item), Items.string(item, "code_sealed").flatMap(sealed -> SealedCodes.open(token, sealed))));
    }

    /** The pass of a token presented by a caller of {@code tenant}; a token of another tenant is simply unknown. */
    public Optional<Pass> find(String tenant, String token) {
        if (!PassTokens.tenantOf(token).map(tenant::equals).orElse(false)) {
            return Optional.empty();
        }
        return byHash(tenant, PassTokens.hash(token));
    }

    /**
     * The pass behind a value kept in {@link PassTokens#stored} form (what a raw event holds). For reading back
     * facts the server kept, never for a caller presenting a pass: a hash must not open anything.
     */
    public Optional<Pass> findStored(String tenant, String storedForm) {
        return PassTokens.hashOfStored(storedForm).flatMap(hash -> byHash(tenant, hash));
    }

    private Optional<Pass> byHash(String tenant, String hash) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenant, hash))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(pass(item));
    }

    /** When the guest's current pass was issued, if they hold one (the token itself is never kept). */
    public Optional<Long> issuedAt(String tenant, String event, String guestId) {
        var pointer = dynamo.getItem(b -> b.tableName(table).key(EventKeys.item(tenant, event, EventKeys.PASS_OF, "G#" + guestId))
                .consistentRead(true)).item();
        return pointer == null || pointer.isEmpty() ? Optional.empty() : Optional.of(Items.number(pointer, "issued_at", 0));
    }

    /** Revokes the guest's own pass and short code: both answer unknown from now on. Household passes stay. */
    public void revokeGuest(String tenant, String event, String guestId) {
        var pointerKey = EventKeys.item(tenant, event, EventKeys.PASS_OF, "G#" + guestId);
        var pointer = dynamo.getItem(b -> b.tableName(table).key(pointerKey).consistentRead(true)).item();
        if (pointer == null || pointer.isEmpty()) {
            return;
        }
        List<WriteRequest> deletes = new ArrayList<>();
        Items.string(pointer, "hash").ifPresent(hash -> deletes.add(Batches.delete(key(tenant, hash))));
        Items.string(pointer, "code_hash").ifPresent(code -> deletes.add(Batches.delete(codeKey(tenant, event, code))));
        deletes.add(Batches.delete(pointerKey));
        batches.writeAll(deletes);
    }

    private static Pass pass(Map<String, AttributeValue> item) {
        return new Pass(Items.string(item, "event_id").orElseThrow(),
                Items.string(item, "guest_id").orElse(null), Items.string(item, "household_id").orElse(null),
                Items.string(item, "guest_household_id").orElse(null), Items.number(item, "issued_at", 0));
    }

    private static Map<String, AttributeValue> pointerKey(String tenant, String event, IssuedPass pass) {
        return EventKeys.item(tenant, event, EventKeys.PASS_OF, pointerSk(pass));
    }

    private static String pointerSk(IssuedPass pass) {
        return pass.guestId() != null ? "G#" + pass.guestId() : "H#" + pass.householdId();
    }

    /** A code's lookup item: keyed by its keyed hash, under its event (codes are unique per event). */
    private static Map<String, AttributeValue> codeKey(String tenant, String event, String codeHash) {
        return Items.key(Keys.tenant(tenant, "CODE", event, codeHash), "CODE");
    }

    private static Map<String, AttributeValue> key(String tenant, String hash) {
        return Items.key(Keys.tenant(tenant, "PASS", hash), "PASS");
    }
}
