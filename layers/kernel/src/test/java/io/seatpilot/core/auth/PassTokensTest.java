package io.seatpilot.core.auth;

import io.seatpilot.core.auth.PassTokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.json.Json;
import io.seatpilot.core.snapstart.FreshRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC §6/§14: what is kept holds a pass only as its hash. */
class PassTokensTest {

    private final String token = PassTokens.issue("acme", new FreshRandom());

    @Test
    void everyPassFieldAtAnyDepthIsKeptAsItsHashAndTheOriginalIsUntouched() {
        var batch = Json.tree(Map.of("events", List.of(Map.of("payload", Map.of("pass", token)),
                Map.of("payload", Map.of("household_pass", token, "guest_ids", List.of("a"))))));
        var kept = PassTokens.redacted(batch);
        assertFalse(kept.toString().contains(token));
        assertEquals(PassTokens.stored(token), kept.at("/events/0/payload/pass").asText());
        assertEquals(PassTokens.stored(token), kept.at("/events/1/payload/household_pass").asText());
        assertEquals(token, batch.at("/events/0/payload/pass").asText(), "a copy is redacted, not what projections read");
        assertEquals(kept, PassTokens.redacted(kept), "redacting again changes nothing");
        assertEquals(Optional.of(PassTokens.hash(token)), PassTokens.hashOfStored(PassTokens.stored(token)));
        assertTrue(PassTokens.stored(token).matches("[A-Za-z0-9_-]{4,256}"), "a kept envelope still passes its schema");
        assertEquals(Optional.empty(), PassTokens.hashOfStored(token));
    }

    @Test
    void aBodyThatIsNotJsonIsRedactedByItsShape() {
        String kept = PassTokens.redacted("{\"events\":[{\"payload\":{\"pass\" : \"" + token + "\",\"household_pass\":\"" + token);
        assertFalse(kept.contains(token), kept);
        assertTrue(kept.contains(PassTokens.hash(token)), kept);
        String trailing = PassTokens.redacted("{\"pass\":\"" + token + "\"} {\"pass\":\"" + token + "\"}");
        assertFalse(trailing.contains(token), trailing);
    }

    @Test
    void aValueThatCannotBeAPassIsKeptAsAMarkerNotAsAHashAShortCodeWouldNotSurvive() {
        var kept = PassTokens.redacted(Json.read("{\"payload\":{\"pass\":\"7K3M-9QXT\",\"household_pass\":\"7K3M9QXT\"}}"));
        assertEquals(PassTokens.UNRESOLVABLE, kept.at("/payload/pass").asText());
        assertEquals(PassTokens.UNRESOLVABLE, kept.at("/payload/household_pass").asText());
        assertEquals(kept, PassTokens.redacted(kept), "redacting again changes nothing");
        assertTrue(PassTokens.UNRESOLVABLE.matches("[A-Za-z0-9_-]{4,256}"), "a kept envelope still passes its schema");
        assertFalse(PassTokens.redacted("{\"pass\":\"7K3M9QXT\"").contains("7K3M9QXT"), "also in a body that is not JSON");
    }
}
