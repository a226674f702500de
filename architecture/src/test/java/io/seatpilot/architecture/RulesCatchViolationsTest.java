package io.seatpilot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.seatpilot.architecture.violations.SelfAuthenticatingHandler;
import io.seatpilot.architecture.violations.StoreShapedLedger;
import io.seatpilot.core.incident.IncidentLedger;
import io.seatpilot.core.safety.Attendance;
import io.seatpilot.ingest.IngestHandler;
import org.junit.jupiter.api.Test;

/** The rules can fail: each is run over a class written to break it, and over one that keeps it. */
class RulesCatchViolationsTest {

    @Test
    void aHandlerThatVerifiesItsCallerOnItsOwnBreaksTheAuthRule() {
        var violations = new ClassFileImporter().importClasses(SelfAuthenticatingHandler.class);
        AssertionError refused = assertThrows(AssertionError.class,
                () -> ArchitectureTest.onlyCallersVerifyCredentials.check(violations));
        for (String call : new String[] {"SignedRequestVerifier.verify", "TokenVerifier.verify", "JwtClaims.toPrincipal"}) {
            assertTrue(refused.getMessage().contains(call), call + " was not reported:\n" + refused.getMessage());
        }
    }

    @Test
    void aHandlerThatHandsItsVerifierToCallersKeepsIt() {
        ArchitectureTest.onlyCallersVerifyCredentials.check(new ClassFileImporter().importClasses(IngestHandler.class));
    }

    @Test
    void aRecordNestedInAStoreCountsAsTheStore() {
        var rule = noClasses().should().dependOnClassesThat(ArchitectureTest.STORES);
        AssertionError refused = assertThrows(AssertionError.class,
                () -> rule.check(new ClassFileImporter().importClasses(StoreShapedLedger.class)));
        assertTrue(refused.getMessage().contains("RsvpStore$Answers"), refused.getMessage());
        rule.check(new ClassFileImporter().importClasses(Attendance.class, IncidentLedger.class));
    }
}
