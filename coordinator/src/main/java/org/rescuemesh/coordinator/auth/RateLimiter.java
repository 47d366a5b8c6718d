package org.rescuemesh.coordinator.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link TokenBucket} per token, created on first use. */
public final class RateLimiter {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** Charges {@code units} to the caller's bucket; false means refuse (429 / RESOURCE_EXHAUSTED). */
    public boolean allow(Principal who, double units) {
        if (who.limit().unlimited()) {
            return true;
        }
        long now = System.nanoTime();
        return buckets.computeIfAbsent(who.tokenId(), k -> new TokenBucket(who.limit(), now)).tryTake(units, now);
    }
}
