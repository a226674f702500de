package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateLoader;
import io.seatpilot.local.template.TemplateResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Deleting or replacing the stack must never take the data with it: the table, the user pool and the KMS root
 * every device secret is derived from (a lost root invalidates every key in the field) are retained.
 */
class TemplateRetentionTest {

    private static final Set<String> STATEFUL = Set.of("AWS::DynamoDB::Table", "AWS::KMS::Key", "AWS::Cognito::UserPool");

    private final Template template =
            TemplateLoader.load(Path.of(System.getProperty("seatpilot.repo.root", "../.."), "template.yaml"));

    @Test
    void everyStatefulResourceIsRetainedOnDeleteAndOnReplace() {
        List<TemplateResource> stateful = template.resources().values().stream()
                .filter(r -> STATEFUL.contains(r.type())).toList();
        assertEquals(STATEFUL, Set.copyOf(stateful.stream().map(TemplateResource::type).toList()), "the check sees each kind");
        List<String> notRetained = stateful.stream()
                .filter(r -> !r.deletionPolicy().equals(Optional.of("Retain")) || !r.updateReplacePolicy().equals(Optional.of("Retain")))
                .map(TemplateResource::logicalId).toList();
        assertEquals(List.of(), notRetained, "DeletionPolicy and UpdateReplacePolicy must both be Retain");
    }
}
