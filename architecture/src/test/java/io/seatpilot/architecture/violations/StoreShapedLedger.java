package io.seatpilot.architecture.violations;

import io.seatpilot.core.event.PassStore;
import java.util.Optional;

/**
 * A rules' interface that returns a record nested in a store, as {@code ArchitectureTest.STORES} must catch; see
 * {@code RulesCatchViolationsTest}.
 */
public interface StoreShapedLedger {

    Optional<PassStore.Pass> find(String tenant, String token);
}
