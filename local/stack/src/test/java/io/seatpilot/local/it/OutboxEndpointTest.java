package io.seatpilot.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.LocalStack;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox as the stack serves it on its HTTP port: JSON for tools, pages for people, the mail's HTML sandboxed. */
class OutboxEndpointTest {

    private final LocalStack stack = SharedStack.get();
    private final Api api = new Api(stack.httpEndpoint());

    @Test
    void anEmailIsListedShownAndItsHtmlServedSandboxed() {
        String domain = "outbox-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        var ses = stack.awsClients().ses();
        ses.createEmailIdentity(b -> b.emailIdentity(domain));
        ses.sendEmail(b -> b.fromEmailAddress("invite@" + domain).destination(d -> d.toAddresses("ana@" + domain))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Boda de Ana & Luis"))
                        .body(t -> t.html(h -> h.data("<h1>¡Os esperamos!</h1><script>alert(1)</script>")).text(x -> x.data("Os esperamos"))))));

        var json = api.send("GET", "/local/outbox?channel=email&to=ana@" + domain, null, Map.of());
        assertEquals(200, json.status(), json.body());
        var message = json.json().path("messages").get(0);
        assertEquals("Boda de Ana & Luis", message.path("subject").asText());

        var list = api.send("GET", "/local/outbox/", null, Map.of());
        assertTrue(list.contentType().startsWith("text/html") && list.body().contains("Boda de Ana &amp; Luis"), list.body());
        var page = api.send("GET", "/local/outbox/" + message.path("id").asText(), null, Map.of());
        assertTrue(page.body().contains("<iframe sandbox") && page.body().contains("Os esperamos"), page.body());
        var html = api.send("GET", "/local/outbox/" + message.path("id").asText() + "/html", null, Map.of());
        assertTrue(html.header("content-security-policy").orElse("").startsWith("sandbox"), html.headers().toString());
        assertTrue(html.body().contains("<script>"), "the body is served as sent; the sandbox keeps its script from running");
    }

    @Test
    void badFiltersAndWritesAreRefused() {
        assertEquals(400, api.send("GET", "/local/outbox?channel=fax", null, Map.of()).status());
        assertEquals(400, api.send("GET", "/local/outbox?since=yesterday", null, Map.of()).status());
        assertEquals(405, api.send("POST", "/local/outbox", new byte[0], Map.of()).status());
        assertEquals(404, api.send("GET", "/local/outbox/m999999", null, Map.of()).status());
    }
}
