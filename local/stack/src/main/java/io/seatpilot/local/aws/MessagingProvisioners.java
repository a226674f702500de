package io.seatpilot.local.aws;

import io.seatpilot.local.template.ResolvedProperties;
import java.util.Map;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sns.SnsClient;

/** The template's messaging resources, created in the local SES v2 / SNS stand-in through the SDK. */
final class MessagingProvisioners {

    private MessagingProvisioners() {
    }

    /**
     * AWS::SNS::Topic → CreateTopic; {@code Ref} is the topic ARN and {@code TopicName} its name, as in
     * CloudFormation (a topic without TopicName gets its logical id, where CloudFormation would make one up).
     */
    static final class Topic implements Provisioner {
        private final SnsClient sns;

        Topic(SnsClient sns) {
            this.sns = sns;
        }

        @Override
        public String resourceType() {
            return ResourceTypes.SNS_TOPIC;
        }

        @Override
        public ProvisionedResource provision(ResolvedProperties topic) {
            String name = topic.string("TopicName").orElse(topic.logicalId());
            String arn = sns.createTopic(b -> b.name(name)).topicArn();
            return new ProvisionedResource(topic.logicalId(), resourceType(), arn, Map.of("TopicArn", arn, "TopicName", name));
        }
    }

    /**
     * AWS::SES::EmailIdentity → CreateEmailIdentity; {@code Ref} is the identity. AWS verifies it by a mailed link or
     * DNS records; locally it is verified at once, so functions may send from it as soon as the stack is up.
     */
    static final class EmailIdentity implements Provisioner {
        private final SesV2Client ses;

        EmailIdentity(SesV2Client ses) {
            this.ses = ses;
        }

        @Override
        public String resourceType() {
            return ResourceTypes.SES_EMAIL_IDENTITY;
        }

        @Override
        public ProvisionedResource provision(ResolvedProperties identity) {
            String name = identity.requiredString("EmailIdentity");
            try {
                ses.createEmailIdentity(b -> b.emailIdentity(name));
            } catch (AlreadyExistsException twiceInTheTemplate) {
                // CloudFormation would refuse the second resource; the first one's identity serves both here
            }
            return new ProvisionedResource(identity.logicalId(), resourceType(), name, Map.of());
        }
    }
}
