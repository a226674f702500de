package io.seatpilot.core.checkin;

import io.seatpilot.core.event.OpenedPass;
import io.seatpilot.core.event.Pass;
import java.util.Optional;

/** The passes the door accepts: by token, by the form raw events keep a token in, by short code. */
public interface PassBook {

    /** The pass a token (as a guest holds it) opens, if it is current. */
    Optional<Pass> find(String tenant, String token);

    /** The pass named by its stored form (a token's hash, as raw events and the quarantine keep it). */
    Optional<Pass> findStored(String tenant, String storedForm);

    Optional<Pass> findByCode(String tenant, String event, String canonicalCode);

    /** The pass with its sealed short code, opened with the token. */
    Optional<OpenedPass> open(String tenant, String token);
}
