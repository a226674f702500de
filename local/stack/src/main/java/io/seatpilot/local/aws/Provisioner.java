package io.seatpilot.local.aws;

import io.seatpilot.local.template.ResolvedProperties;

/** Creates one kind of template resource in its local stand-in, from the resource's resolved properties. */
sealed interface Provisioner permits TableProvisioner, QueueProvisioner, KmsKeyProvisioner, KmsAliasProvisioner,
        MessagingProvisioners.Topic, MessagingProvisioners.EmailIdentity {

    String resourceType();

    ProvisionedResource provision(ResolvedProperties properties);
}
