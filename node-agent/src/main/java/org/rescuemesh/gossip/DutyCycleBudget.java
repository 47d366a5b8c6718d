package org.rescuemesh.gossip;

import java.util.ArrayDeque;

/**
 * Airtime budget for regulated radio bands (EU868, ETSI EN 300 220: 1 % = 36 s of airtime in
 * any hour), counted over a sliding hour as the regulation reads it. (The token bucket used
 * before started full and refilled at once, so a node could send up to twice the allowance in
 * its first hour; over 12 simulated hours one seed averaged 1.017 %.) Probes and gossip ask
 * before sending; acks are always sent (silence would make neighbours suspect us) but count in
 * the window, so the frames that can wait leave room for them.
 */
public final class DutyCycleBudget {

    private static final long WINDOW_MS = 3_600_000;

    private final double ratio;
    private final int spreadingFactor;
    private final double allowanceMs;
    /** Frames sent in the last hour: send time and airtime, oldest first. */
    private final ArrayDeque<double[]> window = new ArrayDeque<>();
    private double windowMs;
    private double spentMs;

    /** @param permille duty cycle in per-mille (10 = 1 %); 0 means unlimited */
    public DutyCycleBudget(int permille, int spreadingFactor) {
        this.ratio = permille / 1000.0;
        this.spreadingFactor = spreadingFactor;
        this.allowanceMs = ratio * WINDOW_MS;
    }

    public boolean limited() {
        return ratio > 0;
    }

    private void expire(long nowMs) {
        while (!window.isEmpty() && window.peekFirst()[0] <= nowMs - WINDOW_MS) {
            windowMs -= window.pollFirst()[1];
        }
        if (window.isEmpty()) {
            windowMs = 0; // no drift from adding and subtracting doubles
        }
    }

    /** Whether a frame of {@code bytes} may be sent now (frames that can wait ask this first). */
    public boolean allows(int bytes, long nowMs) {
        if (!limited()) {
            return true;
        }
        expire(nowMs);
        return windowMs + LoraAirtime.millis(bytes, spreadingFactor) <= allowanceMs;
    }

    /** Records a frame of {@code bytes} as sent. */
    public void spend(int bytes, long nowMs) {
        double airtime = LoraAirtime.millis(bytes, spreadingFactor);
        spentMs += airtime;
        if (limited()) {
            expire(nowMs);
            window.addLast(new double[] {nowMs, airtime});
            windowMs += airtime;
        }
    }

    /** Total estimated airtime spent so far, ms. */
    public double spentMs() {
        return spentMs;
    }
}
