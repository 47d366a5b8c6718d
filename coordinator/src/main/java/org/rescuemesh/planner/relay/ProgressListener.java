package org.rescuemesh.planner.relay;

/**
 * Receives progress of a long plan computation. May be called from planner worker threads,
 * but never concurrently (calls are serialised); must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (phase, done, total) -> { };

    /** {@code done} of {@code total} work units of {@code phase} are finished. */
    void onProgress(PlanPhase phase, long done, long total);
}
