package io.seatpilot.local.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IAM's evaluation as the gates apply it: explicit deny over allow, no allow means deny, wildcards, conditions. */
class ExecutionRoleTest {

    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/data";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:ingest";

    private static ExecutionRole role(Object policies) {
        return new ExecutionRole("IngestFunction", "seatpilot-ingest", ExecutionRoles.statements(policies));
    }

    private static Map<String, Object> statement(String effect, Object action, Object resource) {
        return Map.of("Effect", effect, "Action", action, "Resource", resource);
    }

    private static AuthorizationRequest put(String partitionKey) {
        return new AuthorizationRequest("dynamodb:PutItem", TABLE, Map.of("dynamodb:LeadingKeys", List.of(partitionKey)));
    }

    @Test
    void anActionNoStatementAllowsIsDeniedInAwsWords() {
        ExecutionRole role = role(List.of(Map.of("Statement", List.of(statement("Allow", List.of("dynamodb:GetItem"), TABLE)))));
        assertTrue(role.decide(AuthorizationRequest.of("dynamodb:GetItem", TABLE)).allowed());
        var denied = assertInstanceOf(Decision.Denied.class, role.decide(AuthorizationRequest.of("dynamodb:BatchWriteItem", TABLE)));
        assertEquals("User: arn:aws:sts::000000000000:assumed-role/IngestFunctionRole/seatpilot-ingest is not authorized"
                + " to perform: dynamodb:BatchWriteItem on resource: " + TABLE
                + " because no identity-based policy allows the dynamodb:BatchWriteItem action", role.denialMessage(denied));
    }

    @Test
    void anotherResourceIsNotCoveredButWildcardsAre() {
        ExecutionRole role = role(List.of(Map.of("Statement", List.of(statement("Allow", "sqs:Send*", QUEUE),
                statement("Allow", "DynamoDB:*Item", "arn:aws:dynamodb:*:*:table/d?ta")))));
        assertTrue(role.decide(AuthorizationRequest.of("sqs:SendMessage", QUEUE)).allowed());
        assertFalse(role.decide(AuthorizationRequest.of("sqs:SendMessage", QUEUE + "-dlq")).allowed());
        assertTrue(role.decide(AuthorizationRequest.of("dynamodb:GetItem", TABLE)).allowed(), "actions ignore case");
        assertFalse(role.decide(AuthorizationRequest.of("dynamodb:Query", TABLE)).allowed());
        assertFalse(role.decide(AuthorizationRequest.of("dynamodb:GetItem", TABLE.replace("data", "Data"))).allowed(),
                "resources are case-sensitive");
    }

    @Test
    void anExplicitDenyOnLeadingKeysWinsOnlyForThoseKeys() {
        ExecutionRole role = role(List.of(Map.of("Statement", List.of(
                statement("Allow", List.of("dynamodb:PutItem", "dynamodb:BatchWriteItem"), TABLE),
                Map.of("Effect", "Deny", "Action", List.of("dynamodb:BatchWriteItem", "dynamodb:PutItem"), "Resource", TABLE,
                        "Condition", Map.of("ForAnyValue:StringLike", Map.of("dynamodb:LeadingKeys", List.of("T#*#AUDIT#*"))))))));
        assertTrue(role.decide(put("T#acme#EVENT#e1")).allowed());
        var denied = assertInstanceOf(Decision.Denied.class, role.decide(put("T#acme#AUDIT#e1")));
        assertTrue(role.denialMessage(denied).endsWith("with an explicit deny in an identity-based policy"));
        var batch = new AuthorizationRequest("dynamodb:BatchWriteItem", TABLE,
                Map.of("dynamodb:LeadingKeys", List.of("T#acme#EVENT#e1", "T#acme#AUDIT#e1")));
        assertFalse(role.decide(batch).allowed(), "one audit key in a batch is enough");
        assertTrue(role.decide(AuthorizationRequest.of("dynamodb:PutItem", TABLE)).allowed(),
                "ForAnyValue never matches an absent key");
    }

    @Test
    void forAllValuesAndSingleValuedOperatorsFollowIamRules() {
        ExecutionRole onlyOwnTenant = role(List.of(Map.of("Statement", List.of(Map.of("Effect", "Allow",
                "Action", "dynamodb:Query", "Resource", TABLE,
                "Condition", Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", "T#acme#*")))))));
        var own = new AuthorizationRequest("dynamodb:Query", TABLE, Map.of("dynamodb:LeadingKeys", List.of("T#acme#E")));
        var other = new AuthorizationRequest("dynamodb:Query", TABLE, Map.of("dynamodb:LeadingKeys", List.of("T#evil#E")));
        assertTrue(onlyOwnTenant.decide(own).allowed());
        assertFalse(onlyOwnTenant.decide(other).allowed());
        ExecutionRole mac = role(List.of(Map.of("Statement", List.of(Map.of("Effect", "Allow", "Action", "kms:GenerateMac",
                "Resource", "*", "Condition", Map.of("StringEquals", Map.of("kms:MacAlgorithm", "HMAC_SHA_256")))))));
        assertTrue(mac.decide(new AuthorizationRequest("kms:GenerateMac", "k", Map.of("kms:MacAlgorithm", List.of("HMAC_SHA_256")))).allowed());
        assertFalse(mac.decide(new AuthorizationRequest("kms:GenerateMac", "k", Map.of("kms:MacAlgorithm", List.of("HMAC_SHA_512")))).allowed());
        assertFalse(mac.decide(AuthorizationRequest.of("kms:GenerateMac", "k")).allowed(), "an absent key fails StringEquals");
    }

    @Test
    void samPolicyTemplatesExpandAndUnknownPoliciesStopTheStack() {
        ExecutionRole crud = role(List.of(Map.of("DynamoDBCrudPolicy", Map.of("TableName", "data")), "AWSLambdaBasicExecutionRole"));
        assertTrue(crud.decide(AuthorizationRequest.of("dynamodb:BatchWriteItem", TABLE)).allowed());
        assertTrue(crud.decide(AuthorizationRequest.of("dynamodb:Query", TABLE + "/index/byName")).allowed());
        assertFalse(crud.decide(AuthorizationRequest.of("dynamodb:DeleteTable", TABLE)).allowed());
        assertThrows(IllegalArgumentException.class, () -> role(List.of("AmazonDynamoDBFullAccess")));
        assertThrows(IllegalArgumentException.class, () -> role(List.of(Map.of("S3CrudPolicy", Map.of("BucketName", "b")))));
        assertThrows(IllegalArgumentException.class, () -> role(List.of(Map.of("Statement", List.of(Map.of("Effect", "Allow",
                "Action", "sqs:*", "Resource", "*", "Condition", Map.of("NumericLessThan", Map.of("aws:x", "1"))))))));
    }
}
