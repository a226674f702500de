package io.seatpilot.core.snapstart;

import com.github.benmanes.caffeine.cache.Cache;
import org.crac.Context;
import org.crac.Resource;

/**
 * A cache whose entries must not live through a SnapStart snapshot: its lifetimes are counted on a clock the
 * snapshot stops (a restored environment would trust entries read at init long ago), or it holds secrets that
 * must stay out of the snapshot. Emptied before the checkpoint and again after restore.
 */
public interface EmptiedAroundSnapshot extends Resource {

    /** The cache to empty. */
    Cache<?, ?> snapshotCache();

    @Override
    default void beforeCheckpoint(Context<? extends Resource> context) {
        snapshotCache().invalidateAll();
    }

    @Override
    default void afterRestore(Context<? extends Resource> context) {
        snapshotCache().invalidateAll();
    }
}
