package io.seatpilot.core.safety;

import io.seatpilot.core.checkin.EventContext;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.TableLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Events, guests and tables of tenants, and the placements they give: a guest sits at the table the guest list
 * names (no published plan). {@link #fresh} counts its reads, so a test sees the roll call reads the plan now.
 */
public final class InMemoryEventDirectory implements EventDirectory, Placements {

    private final Map<String, EventDefinition> events = new HashMap<>();
    private final Map<String, Map<String, Guest>> guests = new HashMap<>();
    private final Map<String, Map<String, TableLayout>> tables = new HashMap<>();
    private int freshReads;

    public InMemoryEventDirectory event(String tenant, String event, EventDefinition definition) {
        events.put(tenant + "|" + event, definition);
        return this;
    }

    public InMemoryEventDirectory guest(String tenant, String event, Guest guest) {
        guests.computeIfAbsent(tenant + "|" + event, k -> new LinkedHashMap<>()).put(guest.id(), guest);
        return this;
    }

    public InMemoryEventDirectory table(String tenant, String event, TableLayout table) {
        tables.computeIfAbsent(tenant + "|" + event, k -> new HashMap<>()).put(table.id(), table);
        return this;
    }

    public int freshReads() {
        return freshReads;
    }

    @Override
    public Optional<EventDefinition> event(String tenant, String event) {
        return Optional.ofNullable(events.get(tenant + "|" + event));
    }

    @Override
    public Optional<Guest> guest(String tenant, String event, String guestId) {
        return Optional.ofNullable(guests.getOrDefault(tenant + "|" + event, Map.of()).get(guestId));
    }

    @Override
    public List<Guest> guests(String tenant, String event) {
        return new ArrayList<>(guests.getOrDefault(tenant + "|" + event, Map.of()).values());
    }

    @Override
    public EventContext current(String tenant, String event) {
        return new EventContext(event, event(tenant, event).orElseThrow(),
                tables.getOrDefault(tenant + "|" + event, Map.of()), Map.of());
    }

    @Override
    public EventContext fresh(String tenant, String event) {
        freshReads++;
        return current(tenant, event);
    }
}
