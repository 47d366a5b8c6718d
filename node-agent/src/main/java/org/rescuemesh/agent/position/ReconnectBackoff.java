package org.rescuemesh.agent.position;

import java.time.Duration;

/** Exponential reconnect delay: initial, doubling up to a ceiling, back to initial on success. */
public final class ReconnectBackoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public ReconnectBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial ≤ max");
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    public static ReconnectBackoff standard() {
        return new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** The delay to wait now; the following one will be twice as long (up to the ceiling). */
    public synchronized Duration nextDelay() {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    public synchronized void reset() {
        next = initial;
    }
}
