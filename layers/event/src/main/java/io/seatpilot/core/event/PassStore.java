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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Pass records keyed by the token's hash under the token's tenant; the token itself is never stored. */
public final class PassStore {

    /** Draws before a code collision is taken as a fault rather than bad luck (2^40 codes per event). */
    private static final int CODE_ATTEMPTS = 8;
    /** The codes' claims, their hashes and the passes' batch writes run side by side. */
    private static final ExecutorService CODE_WRITES = Executors.newVirtualThreadPerTaskExecutor();
    private static final int CODE_WRITES_IN_FLIGHT = 16;
    /** Conditional puts per claim transaction (DynamoDB's limit is 100 items). */
    private static final int CLAIMS_PER_TRANSACTION = 100;
    private static final int TRANSACTIONS_IN_FLIGHT = 4;
    /** DynamoDB's BatchWriteItem takes at most 25 requests. */
    private static final int BATCH_WRITE = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Batches batches;
    private final Supplier<ShortCodeKeys> codeKeys;
    private final DoorListStamp doorList;

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
        this.doorList = new DoorListStamp(dynamo, table);
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
        // codes first: each is claimed with a conditional put (unique per event, in transactions of 100), and the pointers
        // below name them; the door list's slow hash is made as each claim comes back, the only moment the code is
        // known, so the hashing (CPU) overlaps the claims (DynamoDB) instead of following them
        List<Claimed> claimed = claimCodes(tenant, event, passes, items, newCode, hashing);
        List<WriteRequest> puts = new ArrayList<>();
        List<WriteRequest> deletes = new ArrayList<>();
        List<IssuedPass> issued = new ArrayList<>();
        for (int i = 0; i < passes.size(); i++) {
            IssuedPass p = passes.get(i);
            Claimed claim = claimed.get(i);
            issued.add(claim.issued());
            String hash = PassTokens.hash(p.token());
            String codeHash = claim.codeHash();
            Map<String, AttributeValue> passItem = new HashMap<>(items.get(i));
            passItem.put("code_sealed", Items.s(SealedCodes.seal(p.token(), claim.issued().code())));
            puts.add(Batches.put(passItem));
            Map<String, AttributeValue> pointer = new HashMap<>(pointerKey(tenant, event, p));
            pointer.put("hash", Items.s(hash));
            pointer.put("code_hash", Items.s(codeHash));
            pointer.put("code_slow_hash", Items.s(claim.slowHash()));
            pointer.put("issued_at", Items.n(issuedAt));
            puts.add(Batches.put(pointer));
            Map<String, AttributeValue> before = previous.get(pointerSk(p));
            if (before != null) {
                Items.string(before, "hash").filter(old -> !old.equals(hash)).ifPresent(old -> deletes.add(Batches.delete(key(tenant, old))));
                Items.string(before, "code_hash").filter(old -> !old.equals(codeHash))
                        .ifPresent(old -> deletes.add(Batches.delete(codeKey(tenant, event, old))));
            }
        }
        writeSideBySide(puts);
        writeSideBySide(deletes);
        doorList.bump(tenant, event);
        return issued;
    }

    /** A pass's claimed short code: the code (in the pass), its lookup hash and the door list's slow hash. */
    private record Claimed(IssuedPass issued, String codeHash, String slowHash) {
    }

    /**
     * Draws a code per pass and claims the codes' lookup items in transactions of {@link #CLAIMS_PER_TRANSACTION}
     * conditional puts (unique per event; BatchWriteItem takes no conditions), a few transactions at once; a code
     * another pass of the event holds cancels its transaction, is drawn again and the transaction retried. Each code
     * is hashed for the door list as its transaction comes back, one hash per core at a time, so the hashing (CPU)
     * overlaps the claims (DynamoDB). One put per code cost 3 000 round trips for 3 000 passes; this costs 30.
     */
    private List<Claimed> claimCodes(String tenant, String event, List<IssuedPass> passes, List<Map<String, AttributeValue>> items,
                                     Supplier<String> newCode, CodeHashing hashing) {
        ShortCodeKeys keys = passes.isEmpty() ? null : codeKeys.get();
        Set<String> drawn = ConcurrentHashMap.newKeySet();
        // a code drawn twice in one request would put one item twice in a transaction (which DynamoDB refuses)
        Supplier<String> fresh = () -> {
            for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
                String code = newCode.get();
                if (drawn.add(code)) {
                    return code;
                }
            }
            throw new IllegalStateException("No fresh short code after " + CODE_ATTEMPTS + " draws");
        };
        Semaphore inFlight = new Semaphore(TRANSACTIONS_IN_FLIGHT);
        Semaphore cores = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<Future<List<Future<Claimed>>>> chunks = new ArrayList<>();
        for (int start = 0; start < passes.size(); start += CLAIMS_PER_TRANSACTION) {
            int from = start;
            int to = Math.min(passes.size(), start + CLAIMS_PER_TRANSACTION);
            chunks.add(CODE_WRITES.submit(() -> {
                String[] codes = new String[to - from];
                String[] codeHashes = new String[to - from];
                inFlight.acquireUninterruptibly();
                try {
                    for (int k = 0; k < codes.length; k++) {
                        codes[k] = fresh.get();
                        codeHashes[k] = keys.hash(tenant, event, codes[k]);
                    }
                    for (int attempt = 0; ; attempt++) {
                        List<TransactWriteItem> puts = new ArrayList<>();
                        for (int k = 0; k < codes.length; k++) {
                            Map<String, AttributeValue> item = new HashMap<>(items.get(from + k));
                            item.putAll(codeKey(tenant, event, codeHashes[k]));
                            item.put("pass_hash", Items.s(PassTokens.hash(passes.get(from + k).token())));
                            puts.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                                    .conditionExpression("attribute_not_exists(pk)").build()).build());
                        }
                        try {
                            dynamo.transactWriteItems(b -> b.transactItems(puts));
                            break;
                        } catch (TransactionCanceledException cancelled) {
                            if (attempt + 1 >= CODE_ATTEMPTS) {
                                throw cancelled;
                            }
                            var reasons = cancelled.cancellationReasons();
                            for (int k = 0; k < codes.length && k < reasons.size(); k++) {
                                if ("ConditionalCheckFailed".equals(reasons.get(k).code())) {
                                    // another pass of this event holds this code: draw again (any other reason, e.g. a
                                    // concurrent transaction, is simply retried)
                                    codes[k] = fresh.get();
                                    codeHashes[k] = keys.hash(tenant, event, codes[k]);
                                }
                            }
                        }
                    }
                } finally {
                    inFlight.release();
                }
                List<Future<Claimed>> hashed = new ArrayList<>();
                for (int k = 0; k < codes.length; k++) {
                    IssuedPass withCode = passes.get(from + k).withCode(codes[k]);
                    String codeHash = codeHashes[k];
                    hashed.add(CODE_WRITES.submit(() -> {
                        cores.acquireUninterruptibly();
                        try {
                            return new Claimed(withCode, codeHash, hashing.hash(withCode.code()));
                        } finally {
                            cores.release();
                        }
                    }));
                }
                return hashed;
            }));
        }
        List<Claimed> claimed = new ArrayList<>();
        join(chunks).forEach(hashed -> claimed.addAll(join(hashed)));
        return claimed;
    }

    /** Batch writes of 25, {@link #CODE_WRITES_IN_FLIGHT} at a time (one after another, 3 000 passes took 240 round trips). */
    private void writeSideBySide(List<WriteRequest> writes) {
        List<Future<Boolean>> chunks = new ArrayList<>();
        Semaphore inFlight = new Semaphore(CODE_WRITES_IN_FLIGHT);
        for (int start = 0; start < writes.size(); start += BATCH_WRITE) {
            List<WriteRequest> chunk = writes.subList(start, Math.min(writes.size(), start + BATCH_WRITE));
            chunks.add(CODE_WRITES.submit(() -> {
                inFlight.acquireUninterruptibly();
                try {
                    batches.writeAll(chunk);
                    return true;
                } finally {
                    inFlight.release();
                }
            }));
        }
        join(chunks);
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

    /**
     * Every current pass of the event, one query (the pointers written by {@link #store}); strongly consistent, because
     * the door list reads it after its {@link DoorListStamp} (see there).
     */
    public List<CurrentPass> current(String tenant, String event) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
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
        doorList.bump(tenant, event);
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
