package io.seatpilot.core.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.event.GuestBatch;
import io.seatpilot.core.event.NameHit;
import io.seatpilot.core.event.OpenedPass;
import io.seatpilot.core.event.Pass;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Household;
import io.seatpilot.core.event.PassStore;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.telemetry.EventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.seatpilot.core.rsvp.RsvpStore;

/**
 * The door's store interfaces over DynamoDB stores that other slices own (the guest list and passes of the event
 * slice, the raw events of telemetry): they stay where they are, and the door sees only what its rules need.
 * The door's own stores ({@link CheckinStore}, {@link EventContexts}) implement its interfaces themselves.
 */
final class DoorStores {

    private DoorStores() {
    }

    record Directory(EventSetupStore setup, RsvpStore answers) implements GuestDirectory {

        @Override
        public GuestBatch party(String tenant, String event, Collection<String> guestIds,
                                           Collection<String> householdIds) {
            return setup.party(tenant, event, guestIds, householdIds);
        }

        @Override
        public Optional<Household> household(String tenant, String event, String householdId) {
            return setup.household(tenant, event, householdId);
        }

        @Override
        public Map<String, Set<String>> declinedStops(String tenant, String event, Collection<String> guestIds) {
            Map<String, Set<String>> declined = new java.util.HashMap<>();
            if (guestIds.isEmpty()) {
                return declined;
            }
            answers.answers(tenant, event, guestIds).forEach((guestId, a) -> {
                Set<String> no = a.byStop().entrySet().stream().filter(e -> "no".equals(e.getValue()))
                        .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toUnmodifiableSet());
                if (!no.isEmpty()) {
                    declined.put(guestId, no);
                }
            });
            return declined;
        }

        @Override
        public List<NameHit> searchNames(String tenant, String event, String foldedPrefix, int limit) {
            return setup.searchNames(tenant, event, foldedPrefix, limit);
        }
    }

    record Passes(PassStore passes) implements PassBook {

        @Override
        public Optional<Pass> find(String tenant, String token) {
            return passes.find(tenant, token);
        }

        @Override
        public Optional<Pass> findStored(String tenant, String storedForm) {
            return passes.findStored(tenant, storedForm);
        }

        @Override
        public Optional<Pass> findByCode(String tenant, String event, String canonicalCode) {
            return passes.findByCode(tenant, event, canonicalCode);
        }

        @Override
        public Optional<OpenedPass> open(String tenant, String token) {
            return passes.open(tenant, token);
        }
    }

    record RawEvents(EventStore events) implements RawEventLog {

        @Override
        public Optional<JsonNode> envelope(String tenant, String eventId) {
            return events.find(tenant, eventId).flatMap(item -> Items.string(item, "envelope")).map(RawEvents::parse);
        }

        private static JsonNode parse(String json) {
            try {
                return Json.MAPPER.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
