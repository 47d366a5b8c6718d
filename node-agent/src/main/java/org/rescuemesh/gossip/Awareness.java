package org.rescuemesh.gossip;

/**
 * Lifeguard local health: a score 0..max-1 that grows when this node itself seems slow (missed
 * acks without nacks, having to refute) and multiplies the probe interval and timeout, so a
 * struggling node stops accusing healthy ones.
 */
public final class Awareness {

    private final int max;
    private int score;

    public Awareness(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("awareness max must be >= 1");
        }
        this.max = max;
    }

    public void apply(int delta) {
        score = Math.max(0, Math.min(max - 1, score + delta));
    }

    public int score() {
        return score;
    }

    /** Multiplier for probe interval and timeout: score + 1. */
    public long scale(long ms) {
        return ms * (score + 1);
    }
}
