package io.seatpilot.local.messaging;

import io.seatpilot.local.kms.ContractTarget;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The contract against moto (SES v2 and SNS), the reference for protocol shape. Skipped when {@code moto_server}
 * is not on PATH; fails if it is there but will not start.
 */
class MotoContractTest extends MessagingContract {

    @Override
    protected Optional<ContractTarget> startTarget() throws Exception {
        return ContractTarget.moto();
    }

    /** Where moto 5.2 departs from the AWS API reference; LocalMessagingServer follows AWS on each. */
    @Override
    protected Set<AwsBehaviour> missingAwsBehaviours() {
        return EnumSet.of(
                // moto creates the identity again without complaint.
                AwsBehaviour.IDENTITY_ALREADY_EXISTS,
                // moto answers SES v1's InvalidParameterValue in a shape the SES v2 client cannot map.
                AwsBehaviour.BAD_ADDRESS_IS_BAD_REQUEST,
                // moto does not look at AWS.SNS.SMS.SMSType.
                AwsBehaviour.SMS_TYPE_CHECKED,
                // moto fails with a 500 instead of InvalidParameter.
                AwsBehaviour.PUBLISH_NEEDS_A_TARGET,
                AwsBehaviour.FILTER_POLICY_CHECKED,
                // moto accepts a national number without '+' and country code.
                AwsBehaviour.PHONE_NUMBER_MUST_BE_E164,
                // moto answers InvalidParameter with the ParameterValueInvalid text in the message.
                AwsBehaviour.NUMBER_ATTRIBUTE_IS_PARAMETER_VALUE_INVALID);
    }
}
