package io.seatpilot.architecture.violations;

import io.seatpilot.core.rsvp.RsvpStore;
import java.util.Optional;

/**
 * A rules' interface that returns a record nested in a store, as the door's {@code PassBook} did with
 * {@code PassStore.Pass}: what {@code ArchitectureTest.STORES} must catch (see {@code RulesCatchViolationsTest}).
 */
public interface StoreShapedLedger {

    Optional<RsvpStore.Answers> answers(String tenant, String event, String guestId);
}
