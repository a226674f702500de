package io.seatpilot.core.doorlist;

import io.seatpilot.core.checkin.EventContext;
import io.seatpilot.core.checkin.EventContexts;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.Household;
import io.seatpilot.core.event.Names;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The printable door list (SPEC §15) for when every screen fails: every guest of the event by last name, with
 * household, table, seat, zone and the flags staff act on. Unlike the kiosks' door list it is for planners and ops
 * (admin/planner/ops), so it carries last names and RSVP states — and still no notes, contacts or passes.
 */
public final class PrintedList {

    public record Row(String lastName, String firstName, String household, String tableLabel, String seatLabel,
                      String zone, boolean pmr, boolean vip, String rsvp) {
    }

    public record Sheet(EventDefinition event, List<Row> rows) {
    }

    /** Sorted as a person scans a paper list: by last name, then first name, accents and case aside. */
    public static final Comparator<Row> BY_NAME = Comparator.comparing((Row r) -> Names.fold(r.lastName()))
            .thenComparing(r -> Names.fold(r.firstName())).thenComparing(Row::lastName).thenComparing(Row::firstName);

    private final EventContexts contexts;
    private final EventSetupStore setup;

    public PrintedList(EventContexts contexts, EventSetupStore setup) {
        this.contexts = contexts;
        this.setup = setup;
    }

    /** The sheet of an event, or {@code 404 not_found}. */
    public Sheet sheet(String tenant, String event) {
        EventContext context = contexts.fresh(tenant, event);
        Map<String, String> households = setup.households(tenant, event).stream()
                .collect(Collectors.toMap(Household::id, Household::name));
        List<Row> rows = setup.guests(tenant, event).stream().map(guest -> row(context, guest, households))
                .sorted(BY_NAME).toList();
        return new Sheet(context.definition(), rows);
    }

    private static Row row(EventContext context, Guest guest, Map<String, String> households) {
        var placement = context.placementOf(guest);
        return new Row(guest.lastName() == null ? "" : guest.lastName(), guest.firstName(),
                guest.householdId() == null ? "" : households.getOrDefault(guest.householdId(), guest.householdId()),
                placement.table() == null ? "" : placement.table().label(), placement.seat() == null ? "" : placement.seat(),
                placement.zone() == null ? "" : placement.zone().letter(), guest.needsAccessibleRoute(), guest.isVip(),
                guest.rsvp().wire());
    }
}
