package io.seatpilot.core.paging;


import io.seatpilot.core.paging.OnCall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

/** The page claim in isolation: once per alert and step, and a failed publish leaves the page to the retry. */
class OnCallTest {

    /** Items by pk#sk; honours the one condition OnCall writes with. */
    private final Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    private final List<PublishRequest> published = new ArrayList<>();
    private boolean snsDown;

    private final DynamoDbClient dynamo = new DynamoDbClient() {
        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            String key = request.item().get("pk").s() + "#" + request.item().get("sk").s();
            if ("attribute_not_exists(pk)".equals(request.conditionExpression()) && items.containsKey(key)) {
                throw ConditionalCheckFailedException.builder().message("exists").build();
            }
            items.put(key, request.item());
            return PutItemResponse.builder().build();
        }

        @Override
        public DeleteItemResponse deleteItem(DeleteItemRequest request) {
            items.remove(request.key().get("pk").s() + "#" + request.key().get("sk").s());
            return DeleteItemResponse.builder().build();
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            return UpdateItemResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    };

    private final SnsClient sns = new SnsClient() {
        @Override
        public PublishResponse publish(PublishRequest request) {
            if (snsDown) {
                throw SnsException.builder().message("throttled").statusCode(500).build();
            }
            published.add(request);
            return PublishResponse.builder().messageId("m-" + published.size()).build();
        }

        @Override
        public String serviceName() {
            return "sns";
        }

        @Override
        public void close() {
        }
    };

    private final OnCall onCall = new OnCall(() -> sns, () -> "arn:aws:sns:us-east-1:000000000000:oncall", dynamo, "data",
            Clock.systemUTC());

    private static OnCall.Page alert(String level) {
        return new OnCall.Page("gala", "a1", level, "zb", null, "Smoke near the kitchen");
    }

    @Test
    void eachAlertAndStepIsPagedOnce() {
        assertTrue(onCall.page("acme", alert("EVAC"), OnCall.Step.EVACUATION));
        assertFalse(onCall.page("acme", alert("EVAC"), OnCall.Step.EVACUATION), "a duplicate pages nothing");
        assertTrue(onCall.page("acme", alert("EVAC"), OnCall.Step.ESCALATION), "its escalation is another page");
        assertTrue(onCall.page("other", alert("EVAC"), OnCall.Step.EVACUATION), "another tenant's alert a1 is another alert");
        assertEquals(3, published.size());
        PublishRequest first = published.getFirst();
        assertEquals(Map.of("acme", "gala", "evacuation", "Transactional"), Map.of(
                first.messageAttributes().get("tenant").stringValue(), first.messageAttributes().get("event").stringValue(),
                first.messageAttributes().get("step").stringValue(), first.messageAttributes().get("AWS.SNS.SMS.SMSType").stringValue()));
    }

    @Test
    void aFailedPublishReleasesTheClaimSoTheRetryPages() {
        snsDown = true;
        assertThrows(SnsException.class, () -> onCall.page("acme", alert("ALERT"), OnCall.Step.ESCALATION));
        assertTrue(items.isEmpty(), "the claim was released");
        snsDown = false;
        assertTrue(onCall.page("acme", alert("ALERT"), OnCall.Step.ESCALATION));
        assertEquals(1, published.size());
    }

    @Test
    void aTypicalPageFitsOneSms() {
        String text = OnCall.text(alert("ALERT"), OnCall.Step.ESCALATION);
        assertEquals("SeatPilot gala: ALERT not acknowledged, zone zb - Smoke near the kitchen (alert a1)", text);
        assertTrue(text.length() <= 160);
        // at a later stop of the event (SPEC §16), perhaps another venue, the page says which
        String atReception = OnCall.text(new OnCall.Page("boda", "a2", "EVAC", null, "Banquete", null), OnCall.Step.EVACUATION);
        assertEquals("SeatPilot boda: EVACUATION started at Banquete (alert a2)", atReception);
    }
}
