package io.seatpilot.bench.invite;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.bench.load.AwsCallCounter;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.messaging.Outbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Invitations on the local stack (SPEC §16): N guests with e-mail addresses, one {@code POST …/invitations}
 * {@code all: true}, then waits until the outbox holds N e-mails for them. Prints the send rate achieved against
 * the configured one (the template's {@code InvitationSendRate}, set here), the busiest second, duplicates (any
 * guest with more than one e-mail), and the KMS calls the whole run made per 1 000 guests read (the target: the
 * event's data key opened once per function instance, not per guest).
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.invite.InvitationBenchmark [guests=3000] [rate=50]}
 */
public final class InvitationBenchmark {

    private InvitationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).automaticSchedules(false)
                .parameter("InvitationSendRate", Integer.toString(rate)).build().start()) {
            String tenant = "invbench-" + UUID.randomUUID().toString().substring(0, 6);
            String event = "bench-" + UUID.randomUUID().toString().substring(0, 6);
            String admin = stack.issueToken(tenant, List.of("admin"), List.of());
            HttpClient http = HttpClient.newHttpClient();
            URI base = stack.httpEndpoint();
            send(http, base, admin, "PUT", "/v1/events/" + event, Map.of("name", "Bench", "kind", "gala", "timezone", "UTC",
                    "stops", List.of(Map.of("id", "main", "name", "Gala", "starts_at", System.currentTimeMillis() + 30L * 86_400_000))), 201);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < guests; i++) {
                rows.add(Map.of("id", "g" + i, "first_name", "Guest" + i, "email", "g" + i + "." + tenant + "@bench.example",
                        "locale", i % 2 == 0 ? "es" : "en"));
            }
            send(http, base, admin, "PUT", "/v1/events/" + event + "/guests", Map.of("guests", rows), 200);

            // passes first, as a planner would (and in parts: issuing thousands of codes at once outlasts the 30 s gateway)
            for (int from = 0; from < guests; from += 500) {
                List<String> ids = new ArrayList<>();
                for (int i = from; i < Math.min(guests, from + 500); i++) {
                    ids.add("g" + i);
                }
                send(http, base, admin, "POST", "/v1/events/" + event + "/passes", Map.of("guest_ids", ids), 201);
            }
            AwsCallCounter.reset();
            long startedAt = System.currentTimeMillis();
            long postStarted = System.nanoTime();
            JsonNode queued = send(http, base, admin, "POST", "/v1/events/" + event + "/invitations",
                    Map.of("all", true, "channel", "email", "template", "invitation"), 202);
            double postSeconds = (System.nanoTime() - postStarted) / 1e9;
            Outbox.Filter ours = new Outbox.Filter(Optional.of(Outbox.Channel.EMAIL), Optional.empty(), Optional.of(startedAt));
            long deadline = System.currentTimeMillis() + (guests / rate + 300) * 1000L;
            while (stack.outbox().list(ours).stream().filter(m -> m.to().getFirst().contains(tenant)).count() < guests) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("not every invitation was sent in time");
                }
                Thread.sleep(500);
            }
            Thread.sleep(3_000); // anything sent twice would arrive now
            List<Outbox.Message> sent = stack.outbox().list(ours).stream().filter(m -> m.to().getFirst().contains(tenant)).toList();
            Map<String, Integer> perGuest = new HashMap<>();
            TreeMap<Long, Integer> perSecond = new TreeMap<>();
            for (Outbox.Message m : sent) {
                perGuest.merge(m.to().getFirst(), 1, Integer::sum);
                perSecond.merge(m.acceptedAt() / 1000, 1, Integer::sum);
            }
            long duplicates = perGuest.values().stream().filter(n -> n > 1).count();
            long first = sent.stream().mapToLong(Outbox.Message::acceptedAt).min().orElseThrow();
            long last = sent.stream().mapToLong(Outbox.Message::acceptedAt).max().orElseThrow();
            double seconds = Math.max(1, last - first) / 1000.0;
            // full seconds only: the first and last second of the run are partial
            int busiest = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            Map<String, Long> calls = AwsCallCounter.calls();
            long kms = calls.entrySet().stream().filter(e -> e.getKey().startsWith("Kms.")).mapToLong(Map.Entry::getValue).sum();

            System.out.printf("guests=%d configured rate=%d/s queued=%s (POST answered in %.1f s)%n", guests, rate,
                    queued.get("queued"), postSeconds);
            System.out.printf("sent=%d distinct guests=%d duplicates=%d%n", sent.size(), perGuest.size(), duplicates);
            System.out.printf("first→last e-mail %.1f s → %.1f e-mails/s achieved, ratio to configured %.2f; busiest second %d%n",
                    seconds, (sent.size() - 1) / seconds, (sent.size() - 1) / seconds / rate, busiest);
            System.out.printf("KMS calls in the run: %d (%s) → %.2f per 1 000 guests read%n", kms,
                    calls.entrySet().stream().filter(e -> e.getKey().startsWith("Kms.")).toList(), kms * 1000.0 / guests);
            System.out.printf("invite-sender invocations: %d%n", stack.functionInvocationCount("InviteSenderFunction"));
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after it stopped
        System.exit(0);
    }

    private static JsonNode send(HttpClient http, URI base, String token, String method, String path, Object body, int expected)
            throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + answer.statusCode() + " " + answer.body());
        }
        return Json.MAPPER.readTree(answer.body());
    }
}
