package org.rescuemesh.gossip;

/**
 * Airtime token bucket for regulated radio bands (EU868: 1 % = 36 s of airtime per hour).
 * Refills at the duty cycle, holds at most one hour's allowance. Probes and gossip ask before
 * sending; acks are always sent (silence would make neighbours suspect us) but still spend.
 */
public final class DutyCycleBudget {

    private static final long WINDOW_MS = 3_600_000;

    private final double ratio;
    private final int spreadingFactor;
    private final double capacityMs;
    private double tokensMs;
    private long lastMs = Long.MIN_VALUE;
    private double spentMs;

    /** @param permille duty cycle in per-mille (10 = 1 %); 0 means unlimited */
    public DutyCycleBudget(int permille, int spreadingFactor) {
        this.ratio = permille / 1000.0;
        this.spreadingFactor = spreadingFactor;
        this.capacityMs = ratio * WINDOW_MS;
        this.tokensMs = capacityMs;
    }

    public boolean limited() {
        return ratio > 0;
    }

    private void refill(long nowMs) {
        if (lastMs != Long.MIN_VALUE && nowMs > lastMs) {
            tokensMs = Math.min(capacityMs, tokensMs + (nowMs - lastMs) * ratio);
        }
        lastMs = Math.max(lastMs, nowMs);
    }

    /** Whether a frame of {@code bytes} may be sent now. */
    public boolean allows(int bytes, long nowMs) {
        if (!limited()) {
            return true;
        }
        refill(nowMs);
        return tokensMs >= LoraAirtime.millis(bytes, spreadingFactor);
    }

    /** Records a frame of {@code bytes} as sent. */
    public void spend(int bytes, long nowMs) {
        double airtime = LoraAirtime.millis(bytes, spreadingFactor);
        spentMs += airtime;
        if (limited()) {
            refill(nowMs);
            tokensMs -= airtime;
        }
    }

    /** Total estimated airtime spent so far, ms. */
    public double spentMs() {
        return spentMs;
    }
}
