package io.seatpilot.core.checkin;

import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.TableLayout;
import java.util.Map;
import java.util.Optional;

/**
 * What every door answer of an event needs besides the guest: zones, tables and the published seating plan.
 * A published plan's table wins over a table the guest list brought along.
 */
public record EventContext(String eventId, EventDefinition definition, Map<String, TableLayout> tables,
                           Map<String, String> publishedTables) {

    public EventContext {
        tables = Map.copyOf(tables);
        publishedTables = Map.copyOf(publishedTables);
    }

    /** Where a guest sits: table, seat and zone, each absent when not decided yet. */
    public record Placement(TableLayout table, String seat, EventDefinition.Zone zone) {
    }

    public Placement placementOf(Guest guest) {
        String tableId = publishedTables.getOrDefault(guest.id(), guest.tableId());
        TableLayout table = tableId == null ? null : tables.get(tableId);
        Optional<EventDefinition.Zone> zone = table == null ? Optional.empty() : definition.zone(table.zone());
        return new Placement(table, table == null ? null : guest.seat(), zone.orElse(null));
    }
}
