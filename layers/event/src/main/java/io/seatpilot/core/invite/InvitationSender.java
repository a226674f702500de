package io.seatpilot.core.invite;

import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.PassStore;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sends one queued message (SPEC §16): claims its delivery record (so a duplicate delivery sends nothing), opens
 * the guest's contact and pass link, renders it in the guest's language, waits for the provider's send rate,
 * sends, and records the outcome. A refusal worth retrying (throttling, the provider's own failures) is recorded
 * and thrown, so SQS delivers the message again and the claim takes it again; a final refusal (an address the
 * provider rejects) is recorded with the provider's reason and not retried.
 */
public final class InvitationSender {

    /** The provider's answer when it did not take a message. */
    public static final class Refused extends RuntimeException {
        private final String code;
        private final boolean retryable;

        public Refused(String code, String message, boolean retryable) {
            super(message);
            this.code = code;
            this.retryable = retryable;
        }

        public String code() {
            return code;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /** Amazon SES and SNS behind one small port; answers the provider's message id. */
    public interface Gateway {
        String email(String to, InvitationContent.Email email);

        String sms(String phone, String text);
    }

    public sealed interface Outcome permits Outcome.Sent, Outcome.Skipped, Outcome.Failed {
        record Sent(String messageId) implements Outcome { }

        record Skipped(String why) implements Outcome { }

        record Failed(String reason) implements Outcome { }
    }

    /** Addresses and numbers a provider may quote back; a reason is kept and shown, so they are masked first. */
    private static final Pattern CONTACT = Pattern.compile("[^\\s<>\"',;:]+@[^\\s<>\"',;]+|\\+[0-9][0-9 ().-]{6,}[0-9]");
    private static final int MAX_REASON = 300;

    private final Deliveries deliveries;
    private final EventSetupStore guests;
    private final PassLinks links;
    private final PassStore passes;
    private final Gateway gateway;
    private final SendRate rate;
    private final String baseUrl;
    private final Clock clock;

    public InvitationSender(Deliveries deliveries, EventSetupStore guests, PassLinks links, PassStore passes, Gateway gateway,
                            SendRate rate, String baseUrl, Clock clock) {
        this.deliveries = deliveries;
        this.guests = guests;
        this.links = links;
        this.passes = passes;
        this.gateway = gateway;
        this.rate = rate;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** Throws {@link Refused} for a retryable refusal (after recording it), so that SQS tries again. */
    public Outcome send(InvitationQueue.Send message) {
        Deliveries.Key key = message.key();
        if (!deliveries.claim(key, message.generation(), clock.millis())) {
            return deliveries.settleStale(key, message.generation(), clock.millis())
                    ? new Outcome.Failed("outcome_unknown") : new Outcome.Skipped("sent, in flight, or resent since");
        }
        Optional<Guest> guest = guests.openGuest(key.tenant(), key.event(), key.guestId());
        Optional<EventDefinition> event = guests.event(key.tenant(), key.event());
        if (guest.isEmpty() || event.isEmpty()) {
            return fail(key, message.generation(), "guest_gone", false);
        }
        String contact = key.channel() == Channel.EMAIL ? guest.get().invitation().email() : guest.get().invitation().phone();
        if (contact == null) {
            return fail(key, message.generation(), "no_contact", false);
        }
        Optional<String> token = links.token(key.tenant(), key.event(), key.guestId());
        if (token.isEmpty()) {
            // the planner issued the guest a new pass after this was queued: the link would open nothing
            return fail(key, message.generation(), "pass_replaced", false);
        }
        rate.acquire(key.channel());
        try {
            String messageId = switch (key.channel()) {
                case EMAIL -> gateway.email(contact, InvitationContent.email(key.template(), event.get(), guest.get(),
                        baseUrl, token.get(), passes.code(key.tenant(), token.get()), clock.millis()));
                case SMS -> gateway.sms(contact, InvitationContent.sms(key.template(), event.get(), guest.get(), baseUrl, token.get()));
            };
            deliveries.sent(key, message.generation(), messageId, clock.millis());
            return new Outcome.Sent(messageId);
        } catch (Refused refused) {
            String reason = reason(refused);
            fail(key, message.generation(), reason, refused.retryable());
            if (refused.retryable()) {
                throw new Refused(refused.code(), reason, true);
            }
            return new Outcome.Failed(reason);
        }
    }

    private Outcome fail(Deliveries.Key key, long generation, String reason, boolean retryable) {
        deliveries.failed(key, generation, reason, retryable, clock.millis());
        return new Outcome.Failed(reason);
    }

    /** {@code <provider code>: <provider message>}, contacts masked, bounded. */
    static String reason(Refused refused) {
        String text = refused.code() + ": " + CONTACT.matcher(String.valueOf(refused.getMessage())).replaceAll("(contact)");
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
    }
}
