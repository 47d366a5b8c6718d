package org.rescuemesh.planner.relay;

import java.util.concurrent.CancellationException;

/**
 * A cancellation flag shared between the caller (e.g. a REST handler whose client went away)
 * and a running computation, which checks it in its loops and stops with a
 * {@link CancellationException}.
 */
public final class Cancellation {

    private volatile boolean cancelled;

    /** A fresh flag, not cancelled. */
    public static Cancellation create() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancellationException} once {@link #cancel()} was called. */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("relay planning cancelled");
        }
    }
}
