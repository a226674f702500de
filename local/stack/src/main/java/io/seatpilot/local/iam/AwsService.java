package io.seatpilot.local.iam;

import java.util.List;
import java.util.Optional;

/**
 * How one AWS service is asked, as far as IAM and the service's limits care: which authorizations a call needs,
 * which limit it crosses that the stand-in would not notice, and how the service words a refusal.
 */
interface AwsService {

    /** A short name for logs: dynamodb, sqs, kms, execute-api. */
    String name();

    /** Every authorization the call needs; empty when the gate cannot read it (the stand-in then refuses it). */
    List<AuthorizationRequest> authorizations(ProxiedCall call);

    /** The error AWS answers when the call exceeds a limit the stand-in does not enforce. */
    default Optional<Answer> overLimit(ProxiedCall call) {
        return Optional.empty();
    }

    /** AWS's answer to a call IAM denied. */
    Answer accessDenied(String message);

    /** AWS's answer to a call signed with an access key it does not know. */
    Answer unrecognizedClient();
}
