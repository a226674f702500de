package io.seatpilot.invitesender;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.invite.InvitationContent;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The sender's first message, before the snapshot: an e-mail with an attachment and an SMS go through the
 * provider gateway the handler uses, on {@link OfflineClients}: marshalled and signed, answered by the client
 * itself, never sent to a guest.
 */
record InviteSenderPrimer(Env env) implements Primer {

    @Override
    public void prime() {
        // the sender claims and records each delivery in DynamoDB
        DynamoDbPriming.prime(env);
        try (SesV2Client ses = OfflineClients.client(env, SesV2Client::builder, "{\"MessageId\":\"priming\"}");
             // SNS answers in XML (the query protocol)
             SnsClient sns = OfflineClients.client(env, SnsClient::builder, "<PublishResponse><PublishResult><MessageId>priming"
                     + "</MessageId></PublishResult></PublishResponse>")) {
            var gateway = new ProviderGateway(ses, sns, env.require("SENDER_ADDRESS"));
            gateway.email("guest@example.invalid", new InvitationContent.Email("Priming", "text", "<p>html</p>",
                    List.of(new InvitationContent.Attachment("event.ics", "text/calendar",
                            "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8), null))));
            gateway.sms("+34600000000", "Priming");
        }
    }
}
