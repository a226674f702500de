package io.seatpilot.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.invite.Deliveries;
import io.seatpilot.core.invite.InvitationQueue;
import io.seatpilot.core.invite.InvitationSender;
import io.seatpilot.core.invite.Invitations;
import io.seatpilot.core.invite.PassLinks;
import io.seatpilot.core.invite.Reminders;
import io.seatpilot.core.invite.SendRate;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.personal.EventDataKeys;
import io.seatpilot.core.personal.GuestCheckins;
import io.seatpilot.core.personal.PersonalDataRequests;
import io.seatpilot.core.personal.PersonalFields;
import io.seatpilot.core.ratelimit.DynamoRateLimitStore;
import io.seatpilot.core.rsvp.RsvpStore;
import io.seatpilot.core.rsvp.Rsvps;
import io.seatpilot.core.wiring.Lazy;
import io.seatpilot.core.wiring.Platform;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The event set-up slice of a function: events and guests, passes and short codes, personal data, RSVP, invitations. */
public final class EventWiring {

    private final Platform platform;
    /** Only the event set-up seals and opens guests' personal fields (and needs the personal-data key). */
    private final Lazy<PersonalFields> personalFields;
    /** Only functions that issue or look up short codes build it (and need the root key's id and kms:GenerateMac). */
    private final Lazy<ShortCodeKeys> shortCodeKeys;

    public EventWiring(Platform platform) {
        this.platform = platform;
        this.shortCodeKeys = new Lazy<>(() -> platform.hooks().register(new ShortCodeKeys(kms(),
                platform.env().require("DEVICE_KEY_ROOT_ID"))));
        this.personalFields = new Lazy<>(() -> new PersonalFields(platform.hooks().register(new EventDataKeys(
                platform.dynamo(), platform.table(), kms(), platform.env().require("PERSONAL_DATA_KEY_ID"))), platform.random()));
    }

    private KmsClient kms() {
        return platform.clients().client("KMS", KmsClient.class, KmsClient::builder);
    }

    public Platform platform() {
        return platform;
    }

    public EventSetupStore eventSetupStore() {
        return new EventSetupStore(platform.dynamo(), platform.table());
    }

    public PassStore passes() {
        return new PassStore(platform.dynamo(), platform.table(), shortCodeKeys::get);
    }

    /** The event set-up's guest store: the one writer and reader of sealed personal fields. */
    public EventSetupStore personalEventSetupStore() {
        return new EventSetupStore(platform.dynamo(), platform.table(), personalFields.get());
    }

    public EventSetup eventSetup(OnCallSubscriptions onCall) {
        return new EventSetup(personalEventSetupStore(), passes(), platform.random(), onCall);
    }

    public Rsvps rsvps() {
        return new Rsvps(passes(), personalEventSetupStore(), new RsvpStore(platform.dynamo(), platform.table()),
                platform.auditLog());
    }

    /** The planner's side of invitations: records, pass links, the invitation queue; passes issued by {@code setup}. */
    public Invitations invitations(EventSetup setup) {
        return new Invitations(personalEventSetupStore(), deliveries(), passLinks(),
                new InvitationQueue(platform.clients().client("SQS", SqsClient.class, SqsClient::builder),
                        platform.env().require("INVITATION_QUEUE_URL")),
                (tenant, event, guestIds) -> setup.issuePasses(tenant, event, guestIdsBody(guestIds), platform.clock().millis()),
                reminders());
    }

    public Reminders reminders() {
        return new Reminders(platform.dynamo(), platform.table());
    }

    /** The sender's side: one message at a time, at {@code SEND_RATE_PER_SECOND} across instances. */
    public InvitationSender invitationSender(InvitationSender.Gateway gateway) {
        return new InvitationSender(deliveries(), personalEventSetupStore(), passLinks(), passes(), gateway,
                new SendRate(new DynamoRateLimitStore(platform.dynamo(), platform.table()), platform.clock(),
                        Integer.parseInt(platform.env().require("SEND_RATE_PER_SECOND"))),
                platform.env().require("PUBLIC_BASE_URL"), platform.clock());
    }

    /** Export and erasure of one guest's data; their check-in is read from {@code checkins} (the door's store). */
    public PersonalDataRequests personalDataRequests(GuestCheckins checkins) {
        return new PersonalDataRequests(personalEventSetupStore(), passes(), checkins, platform.auditLog());
    }

    private Deliveries deliveries() {
        return new Deliveries(platform.dynamo(), platform.table());
    }

    private PassLinks passLinks() {
        return new PassLinks(platform.dynamo(), platform.table(), personalFields.get(), passes());
    }

    private static JsonNode guestIdsBody(List<String> guestIds) {
        var body = Json.MAPPER.createObjectNode();
        guestIds.forEach(body.putArray("guest_ids")::add);
        return body;
    }
}
