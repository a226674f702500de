package io.seatpilot.local.aws;

import java.util.Map;

/** A resource created in a local stand-in: what {@code Ref} returns and what {@code Fn::GetAtt} can read. */
public record ProvisionedResource(String logicalId, String type, String physicalId, Map<String, String> attributes) {

    public ProvisionedResource {
        attributes = Map.copyOf(attributes);
    }
}
