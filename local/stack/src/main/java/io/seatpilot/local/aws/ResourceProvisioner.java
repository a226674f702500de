package io.seatpilot.local.aws;

import io.seatpilot.local.template.IntrinsicResolver;
import io.seatpilot.local.template.References;
import io.seatpilot.local.template.ResolvedProperties;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateException;
import io.seatpilot.local.template.TemplateResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Creates every table, queue, KMS key and alias, SNS topic and SES identity of the template in the local stand-ins, through the AWS SDK.
 * Resources are created after the resources they reference (a queue after its dead-letter queue, an alias
 * after its key), the order CloudFormation derives from the same references.
 */
public final class ResourceProvisioner {

    private final Map<String, Provisioner> provisioners;
    private final LocalResources resources;
    private final IntrinsicResolver resolver;

    public ResourceProvisioner(LocalAwsClients clients, LocalResources resources, IntrinsicResolver resolver,
                               Optional<Integer> visibilityTimeoutOverride) {
        this.resources = resources;
        this.resolver = resolver;
        this.provisioners = Stream.<Provisioner>of(
                        new TableProvisioner(clients.dynamoDb()),
                        new QueueProvisioner(clients.sqs(), visibilityTimeoutOverride),
                        new KmsKeyProvisioner(clients.kms()),
                        new KmsAliasProvisioner(clients.kms()),
                        new MessagingProvisioners.Topic(clients.sns()),
                        new MessagingProvisioners.EmailIdentity(clients.ses()))
                .collect(Collectors.toMap(Provisioner::resourceType, Function.identity()));
    }

    public List<ProvisionedResource> provisionAll(Template template) {
        List<ProvisionedResource> created = new ArrayList<>();
        for (TemplateResource resource : creationOrder(template)) {
            if (!resolver.isActive(resource)) {
                continue;
            }
            try {
                var properties = ResolvedProperties.of(resource.logicalId(), resolver.resolve(resource.properties()));
                ProvisionedResource result = provisioners.get(resource.type()).provision(properties);
                resources.register(result);
                created.add(result);
            } catch (RuntimeException e) {
                throw new TemplateException("Cannot create " + resource.logicalId() + " (" + resource.type() + "): "
                        + e.getMessage(), e);
            }
        }
        return created;
    }

    private List<TemplateResource> creationOrder(Template template) {
        Set<TemplateResource> ordered = new LinkedHashSet<>();
        template.resources().values().stream().filter(r -> provisioners.containsKey(r.type()))
                .forEach(r -> visit(template, r, ordered, new HashSet<>()));
        return List.copyOf(ordered);
    }

    private void visit(Template template, TemplateResource resource, Set<TemplateResource> ordered, Set<String> path) {
        if (ordered.contains(resource)) {
            return;
        }
        if (!path.add(resource.logicalId())) {
            throw new TemplateException("Reference cycle through " + path);
        }
        References.in(resource.properties()).stream()
                .flatMap(name -> template.resource(name).stream())
                .filter(dependency -> provisioners.containsKey(dependency.type()))
                .forEach(dependency -> visit(template, dependency, ordered, path));
        path.remove(resource.logicalId());
        ordered.add(resource);
    }
}
