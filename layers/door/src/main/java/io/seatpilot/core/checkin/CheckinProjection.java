package io.seatpilot.core.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.telemetry.ClientTimes;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.telemetry.IngestMessage;
import io.seatpilot.core.telemetry.IngestMessageProcessor;
import java.util.stream.Stream;

/**
 * The offline path: door facts uploaded through ingest ({@code checkin.success}, {@code checkin.checkout},
 * {@code checkin.undo}, {@code wayfinding.arrive_table}) applied by the worker with the same rules as the online API. A fact the rules
 * refuse (unknown pass — e.g. issued again while the kiosk was offline —, declined guest…) is counted by reason
 * and quarantined as not applied — retrying cannot change it — while anything else fails the message so SQS
 * delivers it again. Payload times are held to the same window as {@code ts_ms}, on the time ingest received them,
 * and an undo's window runs to that receipt: the server's clock, not the kiosk's. Facts apply at the stop the
 * kiosk was set to when it scanned them (ingest resolves it per fact from the key's stop history and puts it on
 * the entry; the envelopes name no stop), and a replayed quarantined fact at the stop it was resolved to then.
 */
public final class CheckinProjection implements IngestMessageProcessor.Projection {

    private final Checkins checkins;
    private final Metrics metrics;

    public CheckinProjection(Checkins checkins, Metrics metrics) {
        this.checkins = checkins;
        this.metrics = metrics;
    }

    @Override
    public void apply(IngestMessage message, IngestMessage.Entry entry) {
        JsonNode envelope = entry.envelope();
        String name = envelope.get("event_name").asText();
        Actor uploader = Actor.uploader(message.tenantId(), message.deviceId(), message.keyId(), entry.stopId());
        JsonNode payload = envelope.get("payload");
        long received = message.receivedAt();
        try {
            switch (name) {
                case "checkin.success" -> {
                    if (!canCheckIn(payload)) {
                        IngestMessageProcessor.Projection.countNotApplied(metrics, name);
                        return;
                    }
                    CheckinRequest request = CheckinRequest.offline(envelope);
                    // ingest checked ts_ms; a payload's own scan time gets the same check here
                    ClientTimes.require("payload.scanned_at", request.scannedAt(), received);
                    var result = checkins.checkIn(uploader, request, false);
                    metrics.count("OfflineCheckins", 1, "outcome", result.getClass().getSimpleName());
                }
                case "checkin.checkout" -> {
                    if (!IngestMessageProcessor.Projection.carries(payload, "event")
                            || payload.hasNonNull("guest_id") == payload.hasNonNull("pass")) {
                        IngestMessageProcessor.Projection.countNotApplied(metrics, name);
                        return;
                    }
                    CheckoutRequest request = CheckoutRequest.offline(envelope);
                    ClientTimes.require("payload.scanned_at", request.scannedAt(), received);
                    var done = checkins.checkOut(uploader, request, false, () -> { });
                    metrics.count("OfflineCheckouts", 1, "outcome", done.repeated() ? "Repeated" : "Created");
                }
                case "checkin.undo" -> {
                    if (payload.hasNonNull("event")) {
                        checkins.undo(uploader, payload.get("event").asText(), payload.get("checkin_id").asText(), received, false);
                    }
                }
                case "wayfinding.arrive_table" -> {
                    // without a guest the arrival only pairs by session in the KPIs; there is no state to change
                    boolean identified = payload.hasNonNull("guest_id") || payload.hasNonNull("pass");
                    if (identified && !IngestMessageProcessor.Projection.carries(payload, "event", "table_id", "confirm_mode")) {
                        IngestMessageProcessor.Projection.countNotApplied(metrics, name);
                    } else if (identified) {
                        checkins.arrive(uploader, Checkins.ArrivalRequest.offline(envelope, received), false);
                    }
                }
                default -> {
                    // other families have no door state to project
                }
            }
        } catch (ApiException refused) {
            throw IngestMessageProcessor.Projection.refusal(refused, "Door", envelope, metrics);
        }
    }

    /** What a check-in needs (TELEMETRY-CATALOGUE.md): the party, a mode, one identifier, a household's members. */
    private static boolean canCheckIn(JsonNode payload) {
        long identifiers = Stream.of("guest_id", "pass", "household_pass").filter(payload::hasNonNull).count();
        return IngestMessageProcessor.Projection.carries(payload, "event", "mode") && identifiers == 1
                && (!payload.hasNonNull("household_pass") || payload.hasNonNull("guest_ids"));
    }
}
