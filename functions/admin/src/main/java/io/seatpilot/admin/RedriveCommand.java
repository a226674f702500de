package io.seatpilot.admin;

import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.telemetry.TelemetryWiring;
import io.seatpilot.core.telemetry.DeadLetterRedrive;

/**
 * Operator command: {@code RedriveCommand <dlq-url> <ingest-queue-url> [max]}. Uses the usual AWS environment
 * (region, credentials, {@code AWS_ENDPOINT_URL_SQS} for the local stack).
 */
public final class RedriveCommand {

    private RedriveCommand() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: RedriveCommand <dead-letter-queue-url> <ingest-queue-url> [max-messages]");
            System.exit(2);
        }
        int max = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        try (var sqs = TelemetryWiring.sqs(Platform.fromSystem())) {
            int moved = new DeadLetterRedrive(sqs).redrive(args[0], args[1], max);
            System.out.println("moved " + moved + " message(s) back to " + args[1]);
        }
    }
}
