package io.seatpilot.local.it.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.telemetry.CatalogueRow;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client built from the event dictionary, as a kiosk team would build one: every row of
 * {@code schemas/TELEMETRY-CATALOGUE.md}, sent through signed ingest with its dictionary payload and with an empty
 * one (a state-changing event without what it needs is stored, not refused), is accepted and stored by the worker.
 * Requests rotate over several kiosk keys, as the ingest rate limit is per key (SPEC §14).
 */
class CatalogueIngestTest {

    private static final AtomicInteger SENT = new AtomicInteger();
    private static Tenant tenant;
    private static List<Tenant.Key> kiosks;

    @BeforeAll
    static void setUp() {
        tenant = Tenant.create("catalogue");
        kiosks = List.of(tenant.kioskKey(), tenant.kioskKey(), tenant.kioskKey(), tenant.kioskKey());
    }

    static Stream<CatalogueRow> rows() {
        return CatalogueRow.read().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyDictionaryEventIsAcceptedAndStored(CatalogueRow row) {
        ObjectNode full = Envelopes.envelope(tenant.id(), row.eventName(), Map.of());
        full.set("payload", row.dictionaryPayload("catalogue-party"));
        full.set("correlation", Json.tree(Map.of("door_to_seat_id", UUID.randomUUID().toString())));
        ((ObjectNode) full.get("event_meta")).put("battery", 0.8);
        ObjectNode empty = Envelopes.envelope(tenant.id(), row.eventName(), Map.of());
        var answer = send(List.of(full, empty));
        assertEquals(202, answer.status(), answer.body());
        assertEquals(2, answer.json().get("accepted").asInt(), answer.body());
        for (ObjectNode envelope : List.of(full, empty)) {
            String eventId = envelope.get("event_id").asText();
            Eventually.await(Duration.ofSeconds(20), () -> StoredEvents.exists(tenant, eventId), stored -> stored);
        }
    }

    @Test
    void aNameAnEmailOrFreeTextInAHashedFieldIsRefused() {
        List<ObjectNode> envelopes = new ArrayList<>();
        CatalogueRow.read().stream().filter(row -> row.fields().keySet().stream().anyMatch(f -> f.endsWith("_hash")))
                .forEach(row -> row.fields().keySet().stream().filter(f -> f.endsWith("_hash")).forEach(field -> {
                    for (String value : List.of("Maria Lopez", "maria.lopez@example.com", "asked for the window seat")) {
                        ObjectNode envelope = Envelopes.envelope(tenant.id(), row.eventName(), Map.of());
                        envelope.set("payload", row.dictionaryPayload("catalogue-party").put(field, value));
                        envelopes.add(envelope);
                    }
                }));
        assertTrue(envelopes.size() >= 18, "every hashed field of the dictionary, three ways");
        var answer = send(envelopes);
        assertEquals(207, answer.status(), answer.body());
        for (JsonNode result : answer.json().get("results")) {
            assertEquals("rejected", result.get("status").asText());
            assertEquals("schema_mismatch", result.get("reason").asText());
            assertTrue(result.get("field").asText().matches("payload\\.[a-z_]+_hash"), result.toString());
        }
    }

    private static Api.Answer send(List<ObjectNode> envelopes) {
        Tenant.Key kiosk = kiosks.get(SENT.getAndIncrement() % kiosks.size());
        return tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(envelopes));
    }
}
