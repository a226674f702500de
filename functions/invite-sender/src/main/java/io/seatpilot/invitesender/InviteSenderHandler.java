package io.seatpilot.invitesender;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.event.EventWiring;
import software.amazon.awssdk.services.sns.SnsClient;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.seatpilot.core.aws.SqsBatchItems;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.invite.InvitationQueue;
import io.seatpilot.core.invite.InvitationSender;
import io.seatpilot.core.observability.Logs;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Sends the invitation queue's messages (SPEC §16), one guest each. A message whose send failed in a way worth
 * retrying is reported back alone (partial batch response) and SQS delivers it again; its failure is already on
 * the guest's delivery record, so nothing is lost quietly, and after the queue's receive limit it waits in the
 * dead-letter queue.
 */
public final class InviteSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(InviteSenderHandler.class);

    private final InvitationSender sender;

    public InviteSenderHandler() {
        this(System.getenv());
    }

    public InviteSenderHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        var clients = platform.clients();
        this.sender = new EventWiring(platform).invitationSender(new ProviderGateway(
                clients.client("SESV2", SesV2Client.class, SesV2Client::builder),
                clients.client("SNS", SnsClient.class, SnsClient::builder), platform.env().require("SENDER_ADDRESS")));
        Priming.register(platform.hooks(), new InviteSenderPrimer(platform.env()));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatchItems.process(event, context, LOG, record -> {
            InvitationQueue.Send message = InvitationQueue.Send.read(record.getBody());
            Logs.tenant(message.tenant());
            Logs.eventId(message.event());
            InvitationSender.Outcome outcome = sender.send(message);
            // the guest id only: never the address, number or link
            switch (outcome) {
                case InvitationSender.Outcome.Sent sent -> LOG.info("{} {} to guest {}: sent", message.template(), message.channel(), message.guestId());
                case InvitationSender.Outcome.Skipped skipped -> LOG.info("{} {} to guest {}: nothing to do ({})",
                        message.template(), message.channel(), message.guestId(), skipped.why());
                case InvitationSender.Outcome.Failed failed -> LOG.warn("{} {} to guest {}: failed for good ({})",
                        message.template(), message.channel(), message.guestId(), failed.reason());
            }
        });
    }
}
