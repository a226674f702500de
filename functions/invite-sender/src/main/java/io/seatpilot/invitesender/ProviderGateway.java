package io.seatpilot.invitesender;

import io.seatpilot.core.invite.InvitationContent;
import io.seatpilot.core.invite.InvitationSender;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Attachment;
import software.amazon.awssdk.services.sesv2.model.AttachmentContentDisposition;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * E-mail through Amazon SES API v2 ({@code SendEmail}, Simple content: subject, text and HTML parts, the QR inline
 * by Content-ID, the {@code .ics} attached; SES builds the MIME), SMS straight to the number through Amazon SNS
 * ({@code Publish} with {@code PhoneNumber}, Transactional). A refusal becomes {@link InvitationSender.Refused}
 * with the provider's error code; it is worth retrying when the provider throttled or failed itself (5xx) or
 * the call never got an answer, not when it rejected the message.
 */
final class ProviderGateway implements InvitationSender.Gateway {

    private final SesV2Client ses;
    private final SnsClient sns;
    private final String from;

    ProviderGateway(SesV2Client ses, SnsClient sns, String from) {
        this.ses = ses;
        this.sns = sns;
        this.from = from;
    }

    @Override
    public String email(String to, InvitationContent.Email email) {
        return call(() -> ses.sendEmail(b -> b.fromEmailAddress(from).destination(d -> d.toAddresses(to))
                .content(c -> c.simple(m -> m.subject(s -> s.data(email.subject()).charset("UTF-8"))
                        .body(body -> body.text(t -> t.data(email.text()).charset("UTF-8"))
                                .html(h -> h.data(email.html()).charset("UTF-8")))
                        .attachments(email.attachments().stream().map(ProviderGateway::attachment).toList()))))
                .messageId());
    }

    @Override
    public String sms(String phone, String text) {
        return call(() -> sns.publish(b -> b.phoneNumber(phone).message(text).messageAttributes(Map.of(
                "AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build())))
                .messageId());
    }

    private static Attachment attachment(InvitationContent.Attachment a) {
        Attachment.Builder b = Attachment.builder().fileName(a.fileName()).contentType(a.contentType())
                .rawContent(SdkBytes.fromByteArray(a.bytes()));
        if (a.contentId() != null) {
            b.contentId(a.contentId()).contentDisposition(AttachmentContentDisposition.INLINE);
        } else {
            b.contentDisposition(AttachmentContentDisposition.ATTACHMENT);
        }
        return b.build();
    }

    private static String call(java.util.function.Supplier<String> send) {
        try {
            return send.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "ServiceError" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new InvitationSender.Refused(code, message, e.isThrottlingException() || e.statusCode() >= 500);
        } catch (SdkClientException e) {
            throw new InvitationSender.Refused("ClientError", e.getMessage(), true);
        }
    }
}
