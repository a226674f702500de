package io.seatpilot.core.invite;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.event.IssuedPass;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.store.Ids;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.GuestImport;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Invitations and reminders (SPEC §16), the planner's side: which guests a request names, the delivery record
 * that makes each message go out once, the pass link it will carry, and the queue the sender reads.
 */
public final class Invitations {

    private static final ExecutorService WRITES = Executors.newVirtualThreadPerTaskExecutor();
    private static final int WRITES_IN_FLIGHT = 16;
    private static final Set<String> FIELDS = Set.of("guest_ids", "all", "channel", "template", "resend");

    private final EventSetupStore guests;
    private final Deliveries deliveries;
    private final PassLinks links;
    private final InvitationQueue queue;
    private final PassLinks.Issuer issuer;
    private final Reminders reminders;

    public Invitations(EventSetupStore guests, Deliveries deliveries, PassLinks links, InvitationQueue queue,
                       PassLinks.Issuer issuer, Reminders reminders) {
        this.reminders = reminders;
        this.guests = guests;
        this.deliveries = deliveries;
        this.links = links;
        this.queue = queue;
        this.issuer = issuer;
    }

    /** A parsed request: {@code guestIds} empty means every guest. */
    public record Request(List<String> guestIds, Channel channel, InvitationTemplate template, boolean resend) {
    }

    /** What {@code POST …/invitations} answers (202): counts, and the guests that could not be queued. */
    public record Queued(@JsonProperty("queued") int queued, @JsonProperty("already_sent") int alreadySent,
                         @JsonProperty("no_contact") List<String> noContact, @JsonProperty("declined") int declined,
                         @JsonProperty("unknown") List<String> unknown) {
    }

    public static Request parse(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw new ApiException(Reason.VALIDATION_FAILED, "Body must be a JSON object");
        }
        object.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw ApiException.field(Reason.VALIDATION_FAILED, name, "Unknown field " + name);
            }
        });
        Channel channel = Channel.fromWire(object.path("channel").asText(null))
                .orElseThrow(() -> ApiException.field(Reason.INVALID_ENUM, "channel", "channel is email or sms"));
        InvitationTemplate template = InvitationTemplate.fromWire(object.path("template").asText(null))
                .orElseThrow(() -> ApiException.field(Reason.INVALID_ENUM, "template", "template is invitation, reminder or pass"));
        JsonNode resend = object.path("resend");
        if (!resend.isMissingNode() && !resend.isBoolean()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "resend", "resend is true or false");
        }
        JsonNode all = object.path("all");
        JsonNode ids = object.path("guest_ids");
        boolean everyone = all.isBoolean() && all.asBoolean();
        if (!all.isMissingNode() && !all.isBoolean()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "all", "all is true or false");
        }
        if (everyone == ids.isArray() || (!ids.isMissingNode() && !ids.isArray())) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "guest_ids", "Name guest_ids (an array) or all: true, not both");
        }
        Set<String> named = new LinkedHashSet<>();
        if (ids.isArray()) {
            if (ids.isEmpty() || ids.size() > GuestImport.MAX_ROWS) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "guest_ids", "guest_ids has 1 to " + GuestImport.MAX_ROWS + " ids");
            }
            for (JsonNode id : ids) {
                if (!id.isTextual() || !Ids.ITEM.matcher(id.asText()).matches()) {
                    throw ApiException.field(Reason.VALIDATION_FAILED, "guest_ids", "A guest id is 1 to 128 of A-Z a-z 0-9 _ . : -");
                }
                named.add(id.asText());
            }
        }
        return new Request(List.copyOf(named), channel, template, resend.asBoolean(false));
    }

    /**
     * Queues the message for each guest named who can be reached on the channel. Declined guests get no reminder
     * (they said they are not coming); anything else goes to whoever the planner named.
     */
    public Queued request(String tenant, String event, Request request, long now) {
        EventDefinition definition = guests.event(tenant, event)
                .orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such event"));
        Map<String, Guest> all = guests.guests(tenant, event).stream()
                .collect(Collectors.toMap(Guest::id, g -> g, (a, b) -> a, java.util.LinkedHashMap::new));
        List<String> unknown = request.guestIds().stream().filter(id -> !all.containsKey(id)).toList();
        List<Guest> chosen = request.guestIds().isEmpty() ? List.copyOf(all.values())
                : request.guestIds().stream().filter(all::containsKey).map(all::get).toList();
        List<String> noContact = new ArrayList<>();
        List<Guest> reachable = new ArrayList<>();
        int declined = 0;
        for (Guest guest : chosen) {
            if (request.template() == InvitationTemplate.REMINDER && guest.rsvp() == Guest.Rsvp.DECLINED) {
                declined++;
            } else if ((request.channel() == Channel.EMAIL ? guest.invitation().email() : guest.invitation().phone()) == null) {
                noContact.add(guest.id());
            } else {
                reachable.add(guest);
            }
        }
        Queued queued = queue(tenant, event, reachable, request.channel(), request.template(), null, request.resend(), now);
        if (request.template() == InvitationTemplate.INVITATION && queued.queued() > 0) {
            reminders.plan(tenant, event, definition, request.channel(), now);
        }
        return new Queued(queued.queued(), queued.alreadySent(), noContact, declined, unknown);
    }

    /** Records and enqueues the messages of {@code reachable} (also the reminder schedule's way in). */
    public Queued queue(String tenant, String event, List<Guest> reachable, Channel channel, InvitationTemplate template,
                        String round, boolean resend, long now) {
        links.ensure(tenant, event, reachable.stream().map(Guest::id).toList(), issuer);
        List<InvitationQueue.Send> messages = new ArrayList<>();
        int already = 0;
        // each record is its own conditional update (BatchWriteItem takes no conditions): a few side by side, so
        // that a list of thousands fits in the gateway's 30 s
        for (int from = 0; from < reachable.size(); from += WRITES_IN_FLIGHT) {
            List<Callable<Long>> window = reachable.subList(from, Math.min(reachable.size(), from + WRITES_IN_FLIGHT)).stream()
                    .map(g -> (Callable<Long>) () -> deliveries.queue(new Deliveries.Key(tenant, event, g.id(), template, channel, round),
                            resend, now)).toList();
            List<Long> generations = all(window);
            for (int i = 0; i < generations.size(); i++) {
                if (generations.get(i) == 0) {
                    already++;
                } else {
                    messages.add(new InvitationQueue.Send(tenant, event, reachable.get(from + i).id(), template.wire(),
                            channel.wire(), generations.get(i), round));
                }
            }
        }
        queue.sendAll(messages);
        return new Queued(messages.size(), already, List.of(), 0, List.of());
    }

    /**
     * A reminder round that came due (the schedule's way in): every guest whose invitation on that channel was
     * sent and who has not declined gets the reminder, once per round.
     */
    public Queued remind(Reminders.Due due, long now) {
        Map<String, Guest> all = guests.guests(due.tenant(), due.event()).stream()
                .collect(Collectors.toMap(Guest::id, g -> g, (a, b) -> a));
        List<Guest> invited = deliveries.list(due.tenant(), due.event(),
                        InvitationTemplate.INVITATION.wire() + "#" + due.channel().wire() + "#").stream()
                .filter(d -> Deliveries.SENT.equals(d.status())).map(d -> all.get(d.guestId()))
                .filter(g -> g != null && g.rsvp() != Guest.Rsvp.DECLINED).toList();
        return queue(due.tenant(), due.event(), invited, due.channel(), InvitationTemplate.REMINDER, due.round(), false, now);
    }

    /** Keeps the links of passes the planner issued, so later messages carry those passes (see {@link PassLinks#keep}). */
    public void keepLinks(String tenant, String event, List<io.seatpilot.core.event.IssuedPass> issued) {
        links.keep(tenant, event, issued);
    }

    private static List<Long> all(List<Callable<Long>> window) {
        try {
            return WRITES.invokeAll(window).stream().map(Invitations::result).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long result(Future<Long> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Deliveries.Status> status(String tenant, String event) {
        guests.event(tenant, event).orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such event"));
        return deliveries.list(tenant, event);
    }
}
