package io.seatpilot.local.iam;

import io.seatpilot.local.aws.LocalAccount;
import io.seatpilot.local.aws.ResourceTypes;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.template.IntrinsicResolver;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateException;
import io.seatpilot.local.template.TemplateResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every function's execution role, read from the template the way SAM builds it: each entry of {@code Policies}
 * is an inline policy document (its {@code Statement}), a SAM policy template (expanded here with the actions SAM
 * gives it) or an AWS managed policy. Anything the stack cannot evaluate stops it at start, so a template never
 * passes locally because a policy was skipped.
 */
public final class ExecutionRoles {

    /** Managed policies that grant nothing the functions call through the stand-ins (logs, traces). */
    private static final Set<String> MANAGED_WITHOUT_DATA_ACCESS = Set.of("AWSLambdaBasicExecutionRole",
            "AWSXrayWriteOnlyAccess", "AWSLambdaVPCAccessExecutionRole");

    private ExecutionRoles() {
    }

    public static Map<String, ExecutionRole> read(Template template, IntrinsicResolver resolver,
                                                  List<FunctionDefinition> functions) {
        Map<String, ExecutionRole> roles = new LinkedHashMap<>();
        for (FunctionDefinition function : functions) {
            TemplateResource resource = template.resource(function.logicalId()).orElseThrow();
            if (!ResourceTypes.SERVERLESS_FUNCTION.equals(resource.type())) {
                continue;
            }
            if (resource.properties().containsKey("Role")) {
                throw new TemplateException(function.logicalId() + ": a function with its own Role is not evaluated by"
                        + " the local stack's IAM; give it Policies instead");
            }
            try {
                roles.put(function.logicalId(), new ExecutionRole(function.logicalId(), function.functionName(),
                        statements(resolver.resolve(resource.properties().get("Policies")))));
            } catch (IllegalArgumentException e) {
                throw new TemplateException(function.logicalId() + ".Policies: " + e.getMessage(), e);
            }
        }
        return roles;
    }

    static List<PolicyStatement> statements(Object policies) {
        List<PolicyStatement> statements = new ArrayList<>();
        for (Object policy : policies == null ? List.of() : asList(policies)) {
            if (policy instanceof String managed) {
                String name = managed.substring(managed.lastIndexOf('/') + 1);
                if (!MANAGED_WITHOUT_DATA_ACCESS.contains(name)) {
                    throw new IllegalArgumentException("managed policy " + managed + " is not evaluated by the local stack");
                }
            } else if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
                for (Object statement : asList(map.get("Statement"))) {
                    statements.add(PolicyStatement.parse(asMap(statement)));
                }
            } else if (policy instanceof Map<?, ?> map && map.size() == 1) {
                var entry = map.entrySet().iterator().next();
                statements.add(SamPolicyTemplate.expand(String.valueOf(entry.getKey()), asMap(entry.getValue())));
            } else {
                throw new IllegalArgumentException("not a policy: " + policy);
            }
        }
        return statements;
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected a mapping, found " + value);
        }
        return (Map<String, Object>) map;
    }

    /** The SAM policy templates this project may use, with the actions and resources SAM's definitions give them. */
    private enum SamPolicyTemplate {
        DynamoDBCrudPolicy("TableName", List.of("dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem",
                "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
                "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem")),
        DynamoDBReadPolicy("TableName", List.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query",
                "dynamodb:BatchGetItem", "dynamodb:DescribeTable")),
        DynamoDBWritePolicy("TableName", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem")),
        SQSSendMessagePolicy("QueueName", List.of("sqs:SendMessage*")),
        SQSPollerPolicy("QueueName", List.of("sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch",
                "sqs:DeleteMessage", "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage")),
        KMSDecryptPolicy("KeyId", List.of("kms:Decrypt")),
        KMSEncryptPolicy("KeyId", List.of("kms:Encrypt")),
        SNSPublishMessagePolicy("TopicName", List.of("sns:Publish"));

        private final String parameter;
        private final List<String> actions;

        SamPolicyTemplate(String parameter, List<String> actions) {
            this.parameter = parameter;
            this.actions = actions;
        }

        static PolicyStatement expand(String name, Map<String, Object> parameters) {
            SamPolicyTemplate template;
            try {
                template = valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("SAM policy template " + name + " is not expanded by the local stack");
            }
            String value = String.valueOf(parameters.get(template.parameter));
            List<String> resources = switch (template) {
                case DynamoDBCrudPolicy, DynamoDBReadPolicy, DynamoDBWritePolicy -> List.of(
                        LocalAccount.arn("dynamodb", "table/" + value), LocalAccount.arn("dynamodb", "table/" + value + "/index/*"));
                case SQSSendMessagePolicy, SQSPollerPolicy -> List.of(LocalAccount.arn("sqs", value));
                case KMSDecryptPolicy, KMSEncryptPolicy -> List.of(LocalAccount.arn("kms", "key/" + value));
                case SNSPublishMessagePolicy -> List.of(LocalAccount.arn("sns", value));
            };
            return new PolicyStatement(PolicyStatement.Effect.ALLOW, template.actions, resources, List.of());
        }
    }
}
