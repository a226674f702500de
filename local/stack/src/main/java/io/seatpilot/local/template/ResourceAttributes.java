package io.seatpilot.local.template;

/** What {@code Ref} and {@code Fn::GetAtt} of a template resource resolve to in the local stack. */
public interface ResourceAttributes {

    /** The physical id CloudFormation's {@code Ref} returns (table name, queue URL, key id, …). */
    String ref(String logicalId);

    /** An attribute such as {@code Arn}, {@code QueueName} or {@code StreamArn}. */
    String getAtt(String logicalId, String attribute);
}
