package io.seatpilot.livepublisher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.seatpilot.core.live.LiveFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LivePublisherHandlerTest {

    @Test
    void theFirstMessageThatFailsIsReportedAtItsFirstRecordAndNothingAfterItIsPublished() {
        List<LiveFacts.Fact> published = new ArrayList<>();
        var handler = new LivePublisherHandler(fact -> {
            if (fact.type().equals("conflict")) {
                throw new IllegalStateException("throttled");
            }
            published.add(fact);
        }, step -> { });
        var response = handler.handleRequest(event(checkin("1", "g-1"), other("2"), checkin("3", "g-2"), conflict("4", "c-9"),
                checkin("5", "g-3")), null);

        assertEquals(1, published.size(), "g-3 waits for the retry that starts at the conflict, so it is not sent twice");
        assertEquals(List.of("g-1", "g-2"), guests(published.getFirst()));
        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals("4", response.getBatchItemFailures().getFirst().getItemIdentifier());
    }

    @Test
    void consecutiveFactsOfOneEventAndTypeAreOneMessageAndALoneFactKeepsItsPlainData() {
        List<LiveFacts.Fact> published = new ArrayList<>();
        var response = new LivePublisherHandler(published::add, step -> { }).handleRequest(event(checkin("1", "g-1"), checkin("2", "g-2"),
                checkin("3", "g-3"), conflict("4", "c-1"), record("5", "T#acme#EVENT#other-event#CHECKIN", "g-4")), null);
        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(3, published.size());
        assertEquals(List.of("g-1", "g-2", "g-3"), guests(published.get(0)));
        assertEquals("conflict", published.get(1).type());
        assertEquals("other-event", published.get(2).event());
        assertEquals("g-4", published.get(2).data().get("guest_id"));
    }

    @Test
    void eachEventWithCounterChangesIsEvaluatedOncePerBatchAtItsLastChange() {
        List<String> steps = new ArrayList<>();
        var handler = new LivePublisherHandler(fact -> steps.add("publish " + guests(fact)),
                step -> steps.add("capacity " + step.tenant() + "/" + step.event() + (step.stop() == null ? "" : "@" + step.stop())));
        var response = handler.handleRequest(event(counters("1", "acme"), checkin("2", "g-1"), counters("3", "acme"),
                checkin("4", "g-2"), counters("5", "other"), record("6", "LIVE#CONN#abc", "CONN")), null);
        assertEquals(List.of("capacity acme/gala-2026", "publish [g-1, g-2]", "capacity other/gala-2026"), steps);
        assertEquals(List.of(), response.getBatchItemFailures());
    }

    @Test
    void aLaterStopsCounterChangesEvaluateThatStopApartFromTheFirst() {
        List<String> steps = new ArrayList<>();
        var handler = new LivePublisherHandler(fact -> steps.add("publish " + fact.data().get("stop")),
                step -> steps.add("capacity " + step.tenant() + "/" + step.event() + (step.stop() == null ? "" : "@" + step.stop())));
        var response = handler.handleRequest(event(counters("1", "acme"),
                record("2", "T#acme#EVENT#gala-2026#STOP#reception#CHECKIN", "g-1"),
                record("3", "T#acme#EVENT#gala-2026#STOP#reception#COUNTERS", "S#3")), null);
        assertEquals(List.of("capacity acme/gala-2026", "publish reception", "capacity acme/gala-2026@reception"), steps);
        assertEquals(List.of(), response.getBatchItemFailures());
    }

    @Test
    void aFailedCapacityEvaluationInsideAMessagesSpanRetriesFromTheMessagesFirstRecord() {
        List<String> steps = new ArrayList<>();
        var handler = new LivePublisherHandler(fact -> steps.add("publish"), step -> {
            throw new IllegalStateException("throttled");
        });
        var response = handler.handleRequest(event(checkin("1", "g-1"), checkin("2", "g-2"), counters("3", "acme"),
                checkin("4", "g-3")), null);
        assertEquals(List.of(), steps, "the message spanning records 1–4 waits until its capacity step succeeded");
        assertEquals("1", response.getBatchItemFailures().getFirst().getItemIdentifier(),
                "the retry must start at the unpublished message's first record, not at the counter change");
    }

    @Test
    void answersOfAnEventAreRecountedOncePerBatchAtTheirLastChangeAndPublishedWholeAsAnRsvpMessage() {
        List<String> steps = new ArrayList<>();
        List<LiveFacts.Fact> published = new ArrayList<>();
        var handler = new LivePublisherHandler(fact -> {
            steps.add("publish " + fact.type() + " " + fact.tenant() + "/" + fact.event());
            published.add(fact);
        }, step -> { }, (tenant, event) -> {
            steps.add("count " + tenant + "/" + event);
            return tenant.equals("gone") ? java.util.Optional.empty()
                    : java.util.Optional.of(Map.of("stops", List.of(), "companions", 2));
        });
        // a household's answers are several items of one write; another event's; a party item; an event since deleted
        var response = handler.handleRequest(event(answer("1", "acme", "g-1"), answer("2", "acme", "g-2"), checkin("3", "g-9"),
                answer("4", "acme", "P#g-1"), answer("5", "other", "g-7"), answer("6", "gone", "g-8")), null);

        assertEquals(List.of("publish checkin acme/gala-2026", "count acme/gala-2026", "publish rsvp acme/gala-2026",
                "count other/gala-2026", "publish rsvp other/gala-2026", "count gone/gala-2026"), steps);
        assertEquals(Map.of("stops", List.of(), "companions", 2), published.get(1).data());
        assertEquals(List.of(), response.getBatchItemFailures());
    }

    private static DynamodbEvent.DynamodbStreamRecord answer(String sequence, String tenant, String guestId) {
        return record(sequence, "T#" + tenant + "#EVENT#gala-2026#RSVP", guestId);
    }

    private static DynamodbEvent.DynamodbStreamRecord counters(String sequence, String tenant) {
        return record(sequence, "T#" + tenant + "#EVENT#gala-2026#COUNTERS", "S#0");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> guests(LiveFacts.Fact fact) {
        if (!fact.data().containsKey("items")) {
            return List.of(fact.data().get("guest_id"));
        }
        return ((List<Map<String, Object>>) fact.data().get("items")).stream().map(item -> item.get("guest_id")).toList();
    }

    private static DynamodbEvent.DynamodbStreamRecord conflict(String sequence, String checkinId) {
        return record(sequence, "T#acme#EVENT#gala-2026#CONFLICT", checkinId);
    }

    private static DynamodbEvent event(DynamodbEvent.DynamodbStreamRecord... records) {
        var event = new DynamodbEvent();
        event.setRecords(List.of(records));
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord checkin(String sequence, String guest) {
        return record(sequence, "T#acme#EVENT#gala-2026#CHECKIN", guest);
    }

    private static DynamodbEvent.DynamodbStreamRecord other(String sequence) {
        return record(sequence, "T#acme#EVENT#gala-2026#COUNTERS", "S#0");
    }

    private static DynamodbEvent.DynamodbStreamRecord record(String sequence, String pk, String sk) {
        Map<String, AttributeValue> keys = Map.of("pk", new AttributeValue().withS(pk), "sk", new AttributeValue().withS(sk));
        var record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(new StreamRecord().withKeys(keys).withNewImage(keys).withSequenceNumber(sequence));
        return record;
    }
}
