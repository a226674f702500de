package io.seatpilot.local.aws;

/**
 * The account and region every local resource lives in. The account id is the all-zero one AWS tools use for
 * local stand-ins (ElasticMQ and the local KMS use it too), so ARNs built here match theirs.
 */
public final class LocalAccount {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String PARTITION = "aws";

    private LocalAccount() {
    }

    /** {@code arn:aws:<service>:us-east-1:000000000000:<resource>}. */
    public static String arn(String service, String resource) {
        return "arn:" + PARTITION + ":" + service + ":" + REGION + ":" + ACCOUNT_ID + ":" + resource;
    }

    /** The last segment of an ARN (after the final ':' or '/'), which names the resource. */
    public static String resourceName(String arn) {
        return arn.substring(Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/')) + 1);
    }
}
