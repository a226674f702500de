package io.seatpilot.local.aws;

import io.seatpilot.local.template.ResolvedProperties;
import java.util.Map;
import software.amazon.awssdk.services.kms.KmsClient;

/** AWS::KMS::Alias → CreateAlias on the local KMS; {@code Ref} of an alias is its name, as in CloudFormation. */
final class KmsAliasProvisioner implements Provisioner {

    private final KmsClient kms;

    KmsAliasProvisioner(KmsClient kms) {
        this.kms = kms;
    }

    @Override
    public String resourceType() {
        return ResourceTypes.KMS_ALIAS;
    }

    @Override
    public ProvisionedResource provision(ResolvedProperties alias) {
        String name = alias.requiredString("AliasName");
        kms.createAlias(b -> b.aliasName(name).targetKeyId(alias.requiredString("TargetKeyId")));
        return new ProvisionedResource(alias.logicalId(), resourceType(), name,
                Map.of("Arn", LocalAccount.arn("kms", name)));
    }
}
