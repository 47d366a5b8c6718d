package org.rescuemesh.coordinator.auth;

/**
 * A token's allowance: {@code perSecond} units refill continuously up to {@code burst}. A unit is
 * one position for ingest calls and one request for everything else.
 */
public record RateLimit(double perSecond, double burst) {

    public static final RateLimit UNLIMITED = new RateLimit(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    public RateLimit {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("a rate limit needs a rate > 0 and a burst >= 1");
        }
    }

    public boolean unlimited() {
        return Double.isInfinite(perSecond);
    }

    /**
     * Parses {@code RATE} or {@code RATE/BURST} (units per second; the burst defaults to one second
     * of rate) or {@code unlimited}.
     */
    public static RateLimit parse(String s) {
        String t = s.strip();
        if (t.equalsIgnoreCase("unlimited")) {
            return UNLIMITED;
        }
        try {
            int slash = t.indexOf('/');
            double rate = Double.parseDouble(slash < 0 ? t : t.substring(0, slash));
            double burst = slash < 0 ? Math.max(1, rate) : Double.parseDouble(t.substring(slash + 1));
            return new RateLimit(rate, burst);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate limit '" + s + "' is not RATE, RATE/BURST or unlimited");
        }
    }
}
