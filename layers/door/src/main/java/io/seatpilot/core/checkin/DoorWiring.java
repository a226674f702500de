package io.seatpilot.core.checkin;

import io.seatpilot.core.doorlist.DoorLists;
import io.seatpilot.core.event.DoorListStamp;
import io.seatpilot.core.doorlist.PrintedList;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.EventWiring;
import io.seatpilot.core.event.PassStore;
import io.seatpilot.core.rsvp.RsvpStore;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.core.telemetry.EventStore;
import io.seatpilot.core.telemetry.QuarantineStore;
import io.seatpilot.core.telemetry.UploadRefusals;
import io.seatpilot.core.wiring.Lazy;
import io.seatpilot.core.wiring.Platform;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The door slice of a function: check-in and its arbitration, door lookups and lists, day-of seating. */
public final class DoorWiring {

    private final Platform platform;
    private final EventWiring event;
    private final Lazy<EventContexts> eventContexts;

    public DoorWiring(EventWiring event) {
        this.platform = event.platform();
        this.event = event;
        // one per instance: its cache is what spares the door a read of the event's layout on every scan
        this.eventContexts = new Lazy<>(() -> platform.hooks().register(new EventContexts(event.eventSetupStore(),
                new SeatingStore(platform.dynamo(), platform.table()))));
    }

    public EventWiring event() {
        return event;
    }

    public EventContexts eventContexts() {
        return eventContexts.get();
    }

    public CheckinStore checkinStore() {
        return new CheckinStore(platform.dynamo(), platform.table());
    }

    public Checkins checkins() {
        return checkins(eventContexts.get(), event.eventSetupStore(), event.passes(), platform.dynamo(), platform.table(),
                platform.clock());
    }

    /**
     * The door's rules over its stores on {@code dynamo}: what {@link #checkins()} composes on the function's client,
     * and a SnapStart primer on one that answers offline, so the snapshot holds the very stores a scan runs.
     */
    public static Checkins checkins(EventContexts contexts, EventSetupStore setup, PassStore passes, DynamoDbClient dynamo,
                                    String table, Clock clock) {
        return new Checkins(new DoorRules(contexts, directory(setup, dynamo, table),
                new DoorStores.Passes(passes), new CheckinStore(dynamo, table),
                new DoorStores.RawEvents(new EventStore(dynamo, table)), clock));
    }

    private DoorStores.Directory directory() {
        return directory(event.eventSetupStore(), platform.dynamo(), platform.table());
    }

    private static DoorStores.Directory directory(EventSetupStore setup, DynamoDbClient dynamo, String table) {
        return new DoorStores.Directory(setup, new RsvpStore(dynamo, table));
    }

    public DayOfSeating dayOfSeating() {
        return new DayOfSeating(new SeatingStore(platform.dynamo(), platform.table()), event.eventSetupStore(),
                eventContexts.get(), checkins(), platform.auditLog(), platform.table(), platform.clock());
    }

    public DoorLookups doorLookups() {
        return new DoorLookups(eventContexts.get(), directory(),
                new DoorStores.Passes(event.passes()));
    }

    public DoorLists doorLists() {
        return new DoorLists(eventContexts.get(), event.eventSetupStore(), directory(), event.passes(), checkinStore(),
                new SeatingStore(platform.dynamo(), platform.table()), new DoorListStamp(platform.dynamo(), platform.table()));
    }

    public PrintedList printedList() {
        return new PrintedList(eventContexts.get(), event.eventSetupStore());
    }

    /** What the door may learn of its uploaded scans the worker refused (they wait in the quarantine). */
    public UploadRefusals uploadRefusals() {
        return new UploadRefusals(new QuarantineStore(platform.dynamo(), platform.table()));
    }

    /** The worker's projection of uploaded door facts (the offline path of check-in). */
    public CheckinProjection checkinProjection() {
        return new CheckinProjection(checkins(), platform.metrics());
    }
}
