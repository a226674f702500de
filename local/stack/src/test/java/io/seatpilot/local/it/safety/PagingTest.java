package io.seatpilot.local.it.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Paging (issue 14 item 6) through the real template: an event's on_call contacts become filtered subscriptions of
 * the stage's on-call topic, the escalation function publishes an escalated alert and every EVAC to it, and the
 * local SNS delivers into the stack's outbox, read here through {@code GET /local/outbox} as a person's phone or
 * mailbox would see it. Duplicates are injected by sending the same message to the escalation queue again.
 */
class PagingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static LocalStack stack;
    private static Api local;

    @BeforeAll
    static void stack() {
        stack = SharedStack.get();
        local = new Api(stack.httpEndpoint());
    }

    /** A Spanish mobile number (6xx xxx xxx) no other test uses. */
    private static String phone() {
        return "+346" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static String event(Tenant tenant, List<Map<String, String>> onCall) {
        String id = "paging-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var answer = put(tenant, id, onCall);
        assertEquals(201, answer.status(), answer.body());
        return id;
    }

    private static Api.Answer put(Tenant tenant, String id, List<Map<String, String>> onCall) {
        return tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + id, Map.of("name", "Winter Gala",
                "kind", "gala", "timezone", "Europe/Madrid", "zones", List.of(Map.of("id", "zb", "name", "Hall",
                        "letter", "B", "color", "blue")), "on_call", onCall));
    }

    /** What reached this phone or address, through the stack's outbox endpoint. */
    private static List<JsonNode> outbox(String to) {
        var answer = local.send("GET", "/local/outbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8), null, Map.of());
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> messages = new ArrayList<>();
        answer.json().path("messages").forEach(messages::add);
        return messages;
    }

    private static List<JsonNode> await(String to, int count) {
        return Eventually.await(WAIT, () -> outbox(to), messages -> messages.size() >= count);
    }

    private static String raise(Tenant tenant, String event, Map<String, Object> body) {
        var answer = tenant.api().withToken(tenant.token("ops"), "POST", "/v1/events/" + event + "/alerts", body);
        assertEquals(201, answer.status(), answer.body());
        return answer.json().get("alert_id").asText();
    }

    /** Sends the message again, twice — a duplicated and a redelivered SQS delivery — and waits until both were handled. */
    private static void deliverTwiceMore(Map<String, String> message) {
        String queue = stack.queueUrl("SafetyEscalationQueue");
        long before = stack.functionInvocationCount("SafetyEscalationFunction");
        for (int i = 0; i < 2; i++) {
            stack.awsClients().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(Json.write(message)));
        }
        Eventually.until(WAIT, "both copies handled by the escalation function", () -> {
            if (stack.functionInvocationCount("SafetyEscalationFunction") <= before) {
                return false;
            }
            var attributes = stack.awsClients().sqs().getQueueAttributes(b -> b.queueUrl(queue).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            return attributes.values().stream().allMatch("0"::equals);
        });
    }

    private static long pages(List<JsonNode> messages, String words) {
        return messages.stream().filter(m -> m.path("text").asText().contains(words)).count();
    }

    @Test
    void anEscalatedAlertPagesTheEventsOnCallOnceEvenWhenItsEscalationIsDeliveredTwiceMore() {
        Tenant tenant = Tenant.create("paging");
        String sms = phone();
        String mail = "oncall-" + tenant.id() + "@example.com";
        String siblingPhone = phone();
        String event = event(tenant, List.of(Map.of("phone", sms), Map.of("email", mail)));
        event(tenant, List.of(Map.of("phone", siblingPhone)));

        String alertId = raise(tenant, event, Map.of("level", "ALERT", "zone", "B", "message", "Smoke near the kitchen"));
        JsonNode page = await(sms, 1).getFirst();
        assertEquals("sms", page.path("channel").asText());
        assertEquals("Transactional", page.path("sms_type").asText());
        assertTrue(page.path("text").asText().contains("ALERT not acknowledged") && page.path("text").asText().contains(alertId),
                page.toString());
        JsonNode email = await(mail, 1).getFirst();
        assertTrue(email.path("subject").asText().contains("not acknowledged"), email.toString());

        deliverTwiceMore(Map.of("tenant", tenant.id(), "event", event, "alert_id", alertId));
        assertEquals(1, outbox(sms).size(), () -> "paged more than once: " + outbox(sms));
        assertEquals(1, outbox(mail).size());
        assertEquals(0, outbox(siblingPhone).size(), "another event's on-call heard this event's page");

        var shown = local.send("GET", "/local/outbox/" + email.path("id").asText(), null, Map.of());
        assertEquals(200, shown.status());
        assertTrue(shown.body().contains("not acknowledged") && shown.body().contains(mail), shown.body());
    }

    @Test
    void everyEvacPagesAtOnceAndOnlyOnceEvenWhenItsPageIsDeliveredTwiceMore() {
        Tenant tenant = Tenant.create("paging-evac");
        String sms = phone();
        String event = event(tenant, List.of(Map.of("phone", sms)));

        String alertId = raise(tenant, event, Map.of("level", "EVAC", "template", "evacuate"));
        assertTrue(pages(await(sms, 1), "EVACUATION started") == 1, () -> outbox(sms).toString());
        deliverTwiceMore(Map.of("tenant", tenant.id(), "event", event, "alert_id", alertId, "kind", "evacuation_page"));
        // nobody acknowledged it: it also escalates, and that is its own page, once
        List<JsonNode> all = Eventually.await(WAIT, () -> outbox(sms), m -> pages(m, "EVAC not acknowledged") >= 1);
        assertEquals(1, pages(all, "EVACUATION started"), all::toString);
        assertEquals(1, pages(all, "EVAC not acknowledged"), all::toString);
    }

    @Test
    void contactsRemovedFromTheEventAreNoLongerPaged() {
        Tenant tenant = Tenant.create("paging-change");
        String before = phone();
        String after = phone();
        String event = event(tenant, List.of(Map.of("phone", before)));
        assertEquals(200, put(tenant, event, List.of(Map.of("phone", after))).status());

        raise(tenant, event, Map.of("level", "EVAC", "template", "evacuate"));
        assertEquals(1, pages(await(after, 1), "EVACUATION started"));
        assertEquals(0, outbox(before).size());
    }

    @Test
    void onCallContactsMustBeRealPhonesOrAddresses() {
        Tenant tenant = Tenant.create("paging-invalid");
        for (var contact : List.of(Map.of("phone", "600111222"), Map.of("phone", "+34000000000"),
                Map.of("email", "not-an-address"), Map.of("phone", phone(), "email", "ops@example.com"))) {
            var answer = put(tenant, "paging-invalid", List.of(contact));
            assertEquals(422, answer.status(), contact + " → " + answer.body());
            assertTrue(answer.json().path("field").asText().startsWith("on_call"), answer.body());
        }
    }
}
