package io.seatpilot.local.aws;

import io.seatpilot.local.template.ResourceAttributes;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateException;
import io.seatpilot.local.template.TemplateResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local identity of every template resource. Resources the stack creates (tables, queues, keys, …) answer
 * with what their stand-in returned; the others (user pools, layers, alarms, …) get stable placeholders — the
 * logical id as physical id and a well-formed fake ARN — so templates that mention them still resolve.
 */
public final class LocalResources implements ResourceAttributes {

    private final Template template;
    private final Map<String, ProvisionedResource> provisioned = new ConcurrentHashMap<>();

    public LocalResources(Template template) {
        this.template = template;
    }

    public void register(ProvisionedResource resource) {
        provisioned.put(resource.logicalId(), resource);
    }

    public Optional<ProvisionedResource> provisioned(String logicalId) {
        return Optional.ofNullable(provisioned.get(logicalId));
    }

    public List<ProvisionedResource> provisionedOfType(String type) {
        return template.resources().keySet().stream().map(provisioned::get)
                .filter(r -> r != null && r.type().equals(type)).toList();
    }

    /** The local queue URL for a queue ARN, as event source mappings name queues by ARN. */
    public Optional<String> queueUrlForArn(String arn) {
        return provisionedOfType(ResourceTypes.SQS_QUEUE).stream()
                .filter(queue -> arn.equals(queue.attributes().get("Arn")))
                .map(ProvisionedResource::physicalId).findFirst();
    }

    @Override
    public String ref(String logicalId) {
        return provisioned(logicalId).map(ProvisionedResource::physicalId).orElseGet(() -> placeholder(logicalId).logicalId());
    }

    @Override
    public String getAtt(String logicalId, String attribute) {
        Optional<String> known = provisioned(logicalId).map(r -> r.attributes().get(attribute));
        if (known.isPresent()) {
            return known.get();
        }
        TemplateResource resource = placeholder(logicalId);
        if (attribute.equals("Arn")) {
            return LocalAccount.arn(ResourceTypes.arnService(resource.type()), logicalId);
        }
        throw new TemplateException("Fn::GetAtt " + logicalId + "." + attribute + " (" + resource.type()
                + ") has no local value");
    }

    private TemplateResource placeholder(String logicalId) {
        TemplateResource resource = template.resource(logicalId)
                .orElseThrow(() -> new TemplateException("Unknown resource " + logicalId));
        if (ResourceTypes.PROVISIONED.contains(resource.type())) {
            // Provisioning follows references, so this means a reference cycle or a resource skipped by its Condition.
            throw new TemplateException(logicalId + " is referenced but was not created locally");
        }
        return resource;
    }
}
