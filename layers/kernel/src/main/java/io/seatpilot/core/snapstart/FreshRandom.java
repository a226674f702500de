package io.seatpilot.core.snapstart;

import java.security.SecureRandom;
import org.crac.Context;
import org.crac.Resource;

/**
 * The random source for tokens and key ids. A generator created at init is in the SnapStart snapshot, and every
 * environment restored from it would otherwise draw the same sequence; a new generator after restore seeds itself
 * afresh from the restored environment.
 */
public final class FreshRandom implements Resource {

    private volatile SecureRandom generator = new SecureRandom();

    public void nextBytes(byte[] bytes) {
        generator.nextBytes(bytes);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // nothing to release: the generator is replaced after restore
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        generator = new SecureRandom();
    }
}
