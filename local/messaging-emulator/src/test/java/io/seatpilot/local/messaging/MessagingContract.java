package io.seatpilot.local.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seatpilot.local.kms.ContractTarget;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * What SeatPilot relies on from SES v2 and SNS, written once and run through the real SDK clients against every
 * target: the local endpoint always, {@code moto_server} when installed. Where a target knowingly lacks an AWS
 * behaviour, that assertion is skipped for it (named in {@link #missingAwsBehaviours()}), never weakened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MessagingContract {

    enum AwsBehaviour {
        /** Creating an identity that exists answers AlreadyExistsException. */
        IDENTITY_ALREADY_EXISTS,
        /** A malformed recipient address answers BadRequestException (SES v2's error for bad parameters). */
        BAD_ADDRESS_IS_BAD_REQUEST,
        /** AWS.SNS.SMS.SMSType other than Promotional/Transactional is refused. */
        SMS_TYPE_CHECKED,
        /** Publish with no TopicArn, TargetArn or PhoneNumber answers InvalidParameter. */
        PUBLISH_NEEDS_A_TARGET,
        /** Publishing to a topic that does not exist answers NotFound. */
        UNKNOWN_TOPIC_NOT_FOUND,
        /** A phone number without the E.164 '+' and country code is refused. */
        PHONE_NUMBER_MUST_BE_E164,
        /** A FilterPolicy that is not JSON answers InvalidParameter. */
        FILTER_POLICY_CHECKED,
        /** A Number attribute that is no number answers ParameterValueInvalid (InvalidParameterValueException). */
        NUMBER_ATTRIBUTE_IS_PARAMETER_VALUE_INVALID
    }

    protected SesV2Client ses;
    protected SnsClient sns;
    private final String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    private final String sender = "events@" + domain;

    private ContractTarget target;

    /** Starts the endpoint under test, or empty when it cannot exist on this machine; closed after the last test. */
    protected abstract Optional<ContractTarget> startTarget() throws Exception;

    protected Set<AwsBehaviour> missingAwsBehaviours() {
        return Set.of();
    }

    private void assumeAws(AwsBehaviour behaviour) {
        assumeTrue(!missingAwsBehaviours().contains(behaviour), "target lacks " + behaviour);
    }

    @BeforeAll
    void start() throws Exception {
        target = startTarget().orElse(null);
        assumeTrue(target != null, "target not available");
        ses = MessagingClients.ses(target.endpoint());
        sns = MessagingClients.sns(target.endpoint());
        ses.createEmailIdentity(r -> r.emailIdentity(domain));
    }

    @AfterAll
    void stop() throws Exception {
        if (ses != null) {
            ses.close();
            sns.close();
        }
        if (target != null) {
            target.close();
        }
    }

    // ---------- SES v2 ----------

    @Test
    void simpleEmailFromAVerifiedDomainIsAccepted() {
        String id = ses.sendEmail(r -> r.fromEmailAddress("Ana's wedding <" + sender + ">")
                .destination(d -> d.toAddresses("guest@example.com").ccAddresses("other@example.com"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("You are invited"))
                        .body(b -> b.text(t -> t.data("Hello")).html(h -> h.data("<p>Hello</p>")))))).messageId();
        assertFalse(id.isBlank());
    }

    @Test
    void senderOfAnUnverifiedDomainIsRejected() {
        assertThrows(MessageRejectedException.class, () -> ses.sendEmail(r -> r.fromEmailAddress("someone@unverified.example")
                .destination(d -> d.toAddresses("guest@example.com"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("x")).body(b -> b.text(t -> t.data("y")))))));
    }

    @Test
    void aVerifiedAddressMaySendButNotItsNeighbours() {
        String address = "planner-" + UUID.randomUUID().toString().substring(0, 6) + "@solo.example";
        ses.createEmailIdentity(r -> r.emailIdentity(address));
        EmailContent content = EmailContent.builder().simple(m -> m.subject(s -> s.data("x")).body(b -> b.text(t -> t.data("y")))).build();
        assertFalse(ses.sendEmail(r -> r.fromEmailAddress(address).destination(d -> d.toAddresses("g@example.com"))
                .content(content)).messageId().isBlank());
        assertThrows(MessageRejectedException.class, () -> ses.sendEmail(r -> r.fromEmailAddress("x" + address)
                .destination(d -> d.toAddresses("g@example.com")).content(content)));
    }

    @Test
    void rawMimeWithAnAttachmentIsAccepted() {
        String mime = "From: " + sender + "\r\nTo: guest@example.com\r\nSubject: Your pass\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Your pass is attached.\r\n--b1\r\nContent-Type: text/calendar; name=\"event.ics\"\r\n"
                + "Content-Disposition: attachment; filename=\"event.ics\"\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n--b1--\r\n";
        String id = ses.sendEmail(r -> r.fromEmailAddress(sender).destination(d -> d.toAddresses("guest@example.com"))
                .content(c -> c.raw(raw -> raw.data(SdkBytes.fromString(mime, StandardCharsets.UTF_8))))).messageId();
        assertFalse(id.isBlank());
    }

    @Test
    void aMalformedRecipientIsABadRequest() {
        assumeAws(AwsBehaviour.BAD_ADDRESS_IS_BAD_REQUEST);
        assertThrows(BadRequestException.class, () -> ses.sendEmail(r -> r.fromEmailAddress(sender)
                .destination(d -> d.toAddresses("not-an-address"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("x")).body(b -> b.text(t -> t.data("y")))))));
    }

    @Test
    void anIdentityCreatedTwiceAlreadyExists() {
        assumeAws(AwsBehaviour.IDENTITY_ALREADY_EXISTS);
        assertThrows(AlreadyExistsException.class, () -> ses.createEmailIdentity(r -> r.emailIdentity(domain)));
    }

    // ---------- SNS ----------

    @Test
    void smsToAnE164NumberIsAccepted() {
        String id = sns.publish(r -> r.phoneNumber("+34600111222").message("Your table is B-12")
                .messageAttributes(Map.of("AWS.SNS.SMS.SMSType", string("Transactional")))).messageId();
        assertFalse(id.isBlank());
    }

    @Test
    void smsToANumberThatIsNotE164IsRefused() {
        assumeAws(AwsBehaviour.PHONE_NUMBER_MUST_BE_E164);
        assertThrows(InvalidParameterException.class, () -> sns.publish(r -> r.phoneNumber("600111222").message("hi")));
    }

    @Test
    void smsOverTheSnsLimitIsRefused() {
        assertThrows(InvalidParameterException.class, () -> sns.publish(r -> r.phoneNumber("+34600111222")
                .message("a".repeat(1601))));
        assertFalse(sns.publish(r -> r.phoneNumber("+34600111222").message("a".repeat(1600))).messageId().isBlank());
    }

    @Test
    void anSmsTypeOtherThanPromotionalOrTransactionalIsRefused() {
        assumeAws(AwsBehaviour.SMS_TYPE_CHECKED);
        assertThrows(SnsException.class, () -> sns.publish(r -> r.phoneNumber("+34600111222").message("hi")
                .messageAttributes(Map.of("AWS.SNS.SMS.SMSType", string("Urgent")))));
    }

    @Test
    void aPublishNeedsATarget() {
        assumeAws(AwsBehaviour.PUBLISH_NEEDS_A_TARGET);
        assertThrows(InvalidParameterException.class, () -> sns.publish(r -> r.message("hi")));
    }

    @Test
    void topicsTakeSubscriptionsWithFilterPoliciesAndPublishes() {
        String topic = sns.createTopic(r -> r.name("oncall-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
        assertEquals(topic, sns.createTopic(r -> r.name(topic.substring(topic.lastIndexOf(':') + 1))).topicArn(),
                "CreateTopic is idempotent");
        String subscription = sns.subscribe(r -> r.topicArn(topic).protocol("sms").endpoint("+34600111333")
                .attributes(Map.of("FilterPolicy", "{\"event\":[\"gala\"]}")).returnSubscriptionArn(true)).subscriptionArn();
        assertTrue(subscription.startsWith(topic + ":"), subscription);
        assertEquals(1, sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().size());
        assertFalse(sns.publish(r -> r.topicArn(topic).message("EVAC zone B").subject("SeatPilot page")
                .messageAttributes(Map.of("event", string("gala")))).messageId().isBlank());
        sns.unsubscribe(r -> r.subscriptionArn(subscription));
        assertEquals(0, sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions().size());
    }

    @Test
    void aFilterPolicyThatIsNotJsonIsRefused() {
        assumeAws(AwsBehaviour.FILTER_POLICY_CHECKED);
        String topic = sns.createTopic(r -> r.name("bad-filter-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(r -> r.topicArn(topic).protocol("sms")
                .endpoint("+34600111444").attributes(Map.of("FilterPolicy", "{not json"))));
    }

    @Test
    void anSmsSubscriptionNeedsAPhoneNumber() {
        String topic = sns.createTopic(r -> r.name("bad-sms-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
        assertThrows(InvalidParameterException.class, () -> sns.subscribe(r -> r.topicArn(topic).protocol("sms")
                .endpoint("call-me-maybe")));
    }

    @Test
    void publishingToATopicThatDoesNotExistIsNotFound() {
        assumeAws(AwsBehaviour.UNKNOWN_TOPIC_NOT_FOUND);
        assertThrows(NotFoundException.class, () -> sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:000000000000:nope")
                .message("hi")));
    }

    @Test
    void aNumberAttributeThatIsNoNumberIsRefused() {
        assumeAws(AwsBehaviour.NUMBER_ATTRIBUTE_IS_PARAMETER_VALUE_INVALID);
        assertThrows(InvalidParameterValueException.class, () -> sns.publish(r -> r.phoneNumber("+34600111222").message("hi")
                .messageAttributes(Map.of("step", MessageAttributeValue.builder().dataType("Number").stringValue("two").build()))));
    }

    static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
