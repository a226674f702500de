package io.seatpilot.local.it.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/ingest/quarantine}: the reason filter reads that reason's items only, a bounded page at a time. */
class QuarantinePagesTest {

    private final Tenant tenant = Tenant.create("quarantine-pages");
    private final Tenant.Key kiosk = tenant.kioskKey();

    @Test
    void theReasonFilterPagesThroughItsOwnItems() {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode mismatch = Envelopes.schemaMismatch(tenant.id(), "e1-gala");
            assertEquals(422, send(mismatch).status());
            mismatches.add(mismatch.get("event_id").asText());
            ObjectNode badEnum = Envelopes.scanStart(tenant.id());
            ((ObjectNode) badEnum.get("event_meta")).put("app_channel", "fax");
            assertEquals(422, send(badEnum).status());
        }

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Api.Answer page = list("?reason=schema_mismatch&limit=2" + (next == null ? "" : "&next=" + next));
            assertEquals(200, page.status(), page.body());
            assertTrue(page.json().get("items").size() <= 2, page.body());
            page.json().get("items").forEach(item -> assertEquals("schema_mismatch", item.get("reason").asText()));
            page.json().get("items").forEach(item -> seen.add(item.get("event_id").asText()));
            next = page.json().path("next").textValue();
            pages++;
        } while (next != null && pages < 10);
        // Refusals of one millisecond have no order among themselves, so the pages are compared as a set.
        assertEquals(new TreeSet<>(mismatches), new TreeSet<>(seen));
        assertEquals(5, seen.size());
        assertTrue(pages <= 4, "pages of 2 over 5 items, perhaps one empty last page: " + pages);

        assertEquals(10, list("?limit=500").json().get("items").size(), "unfiltered, every reason");
    }

    @Test
    void aCursorOrReasonThatIsNotOneIsRefused() {
        for (String query : List.of("?reason=schema_mismatch&next=bm90LWEta2V5", "?reason=R%23x%23y", "?limit=501")) {
            Api.Answer refused = list(query);
            assertEquals(422, refused.status(), query + ": " + refused.body());
            assertEquals("validation_failed", refused.reason());
        }
    }

    private Api.Answer send(ObjectNode envelope) {
        return tenant.api().signed(kiosk.signer(), "POST", "/v1/events", envelope.toString());
    }

    private Api.Answer list(String query) {
        return tenant.api().withToken(tenant.adminToken(), "GET", "/v1/ingest/quarantine" + query, null);
    }
}
