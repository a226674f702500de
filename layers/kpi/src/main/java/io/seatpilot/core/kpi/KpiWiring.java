package io.seatpilot.core.kpi;

import io.seatpilot.core.checkin.CheckinStore;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.live.LiveConnectionStore;
import io.seatpilot.core.live.LiveFacts;
import io.seatpilot.core.safety.ExitStore;
import io.seatpilot.core.safety.SafetyWiring;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.core.telemetry.IngestStatsStore;
import io.seatpilot.core.wiring.Platform;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The KPI slice of a function: the rollup over the single table (its own ledger, and the state it reads from the
 * event set-up, the door, the exits, ingest's counts and the published plan) and Ops Live's opening snapshot.
 * {@link KpiRollups} and {@link LiveSnapshots} see those stores only through the small interfaces they declare; this
 * is where the stores are named.
 */
public final class KpiWiring {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public KpiWiring(Platform platform) {
        this(platform.dynamo(), platform.table(), platform.clock());
    }

    /** Over a table directly: benchmarks against the local stack have a client and a table, no function environment. */
    public KpiWiring(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public KpiRollups rollups() {
        return new KpiRollups(new KpiStore(dynamo, table), new EventState(
                SafetyWiring.eventDirectory(new EventSetupStore(dynamo, table)),
                SafetyWiring.attendance(new CheckinStore(dynamo, table)), new ExitStore(dynamo, table),
                new IngestStatsStore(dynamo, table)::read, new SeatingStore(dynamo, table)::origins), clock);
    }

    public LiveSnapshots liveSnapshots() {
        CheckinStore checkins = new CheckinStore(dynamo, table);
        return new LiveSnapshots(new LiveConnectionStore(dynamo, table)::currentSeq, SafetyWiring.attendance(checkins),
                doorFeed(checkins), SafetyWiring.eventDirectory(new EventSetupStore(dynamo, table)),
                new ExitStore(dynamo, table), rollups(), clock);
    }

    /** The door's items read as the live messages' data, by the one reader of those items ({@link LiveFacts}). */
    private static DoorFeed doorFeed(CheckinStore checkins) {
        return new DoorFeed() {
            @Override
            public List<Map<String, Object>> checkins(String tenant, String event) {
                return checkins.checkins(tenant, event).stream().map(LiveFacts::checkin).toList();
            }

            @Override
            public List<Map<String, Object>> conflicts(String tenant, String event) {
                return checkins.conflicts(tenant, event).stream().map(LiveFacts::conflict).toList();
            }
        };
    }
}
