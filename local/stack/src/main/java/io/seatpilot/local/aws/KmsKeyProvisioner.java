package io.seatpilot.local.aws;

import io.seatpilot.local.template.ResolvedProperties;
import java.util.Map;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * AWS::KMS::Key → CreateKey on the local KMS with the template's KeySpec and KeyUsage. Key policies and
 * rotation have no local meaning; the key material is random per start, as a new AWS key's would be.
 */
final class KmsKeyProvisioner implements Provisioner {

    private final KmsClient kms;

    KmsKeyProvisioner(KmsClient kms) {
        this.kms = kms;
    }

    @Override
    public String resourceType() {
        return ResourceTypes.KMS_KEY;
    }

    @Override
    public ProvisionedResource provision(ResolvedProperties key) {
        KeyMetadata created = kms.createKey(b -> b
                .keySpec(key.string("KeySpec").orElse("SYMMETRIC_DEFAULT"))
                .keyUsage(key.string("KeyUsage").orElse("ENCRYPT_DECRYPT"))
                .description(key.string("Description").orElse(""))).keyMetadata();
        return new ProvisionedResource(key.logicalId(), resourceType(), created.keyId(),
                Map.of("Arn", created.arn(), "KeyId", created.keyId()));
    }
}
