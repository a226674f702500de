package io.seatpilot.local.it;

import software.amazon.awssdk.services.sns.SnsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.config.Env;
import io.seatpilot.local.LocalStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * SES v2 and SNS behind the IAM gates: a function publishes to the topics its role names and nothing else, and is
 * refused with the error each service answers (SNS {@code AuthorizationError}, SES {@code AccessDeniedException}).
 */
class MessagingIamTest {

    private final LocalStack stack = SharedStack.get();

    private AwsClients as(String function) {
        return new AwsClients(new Env(stack.function(function).environment()));
    }

    @Test
    void theEscalationFunctionMayPublishToTheOnCallTopicOnly() {
        var sns = as("SafetyEscalationFunction").client("SNS", SnsClient.class, SnsClient::builder);
        String topic = stack.physicalId("OnCallTopic");
        assertFalse(sns.publish(b -> b.topicArn(topic).message("test page")).messageId().isBlank());
        var sms = assertThrows(SnsException.class, () -> sns.publish(b -> b.phoneNumber("+34600111222").message("x")));
        assertEquals(403, sms.statusCode());
        assertEquals("AuthorizationError", sms.awsErrorDetails().errorCode());
    }

    @Test
    void aFunctionWithoutSnsOrSesGrantsIsRefused() {
        AwsClients kpiRead = as("KpiReadFunction");
        var publish = assertThrows(SnsException.class, () -> kpiRead.client("SNS", SnsClient.class, SnsClient::builder).publish(b -> b.topicArn(stack.physicalId("OnCallTopic"))
                .message("x")));
        assertEquals("AuthorizationError", publish.awsErrorDetails().errorCode());
        try (SesV2Client ses = kpiRead.configure(SesV2Client.builder(), "SESV2").httpClient(kpiRead.httpClient()).build()) {
            var send = assertThrows(SesV2Exception.class, () -> ses.sendEmail(b -> b.fromEmailAddress("ops@example.com")
                    .destination(d -> d.toAddresses("guest@example.com"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("x")).body(t -> t.text(x -> x.data("y")))))));
            assertEquals(403, send.statusCode());
            assertEquals("AccessDeniedException", send.awsErrorDetails().errorCode());
        }
    }
}
