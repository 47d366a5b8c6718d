package org.rescuemesh.coordinator.auth;

/**
 * The classic token bucket, fed with the caller's clock (nanoseconds) so it is testable without
 * sleeping: {@link RateLimit#perSecond()} units refill continuously up to {@link RateLimit#burst()}.
 */
public final class TokenBucket {

    private final RateLimit limit;
    private double available;
    private long lastNanos;

    public TokenBucket(RateLimit limit, long nowNanos) {
        this.limit = limit;
        this.available = limit.burst();
        this.lastNanos = nowNanos;
    }

    /** Takes {@code units} if that many are available now; otherwise takes nothing and answers false. */
    public synchronized boolean tryTake(double units, long nowNanos) {
        if (limit.unlimited()) {
            return true;
        }
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = Math.max(lastNanos, nowNanos);
        available = Math.min(limit.burst(), available + elapsed * limit.perSecond() / 1e9);
        if (units > available) {
            return false;
        }
        available -= units;
        return true;
    }
}
