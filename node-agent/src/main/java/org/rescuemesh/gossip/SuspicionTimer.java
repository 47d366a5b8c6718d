package org.rescuemesh.gossip;

/**
 * Lifeguard dynamic suspicion timeout. It starts at max = β·min and shrinks towards
 * min = α·max(1, log10 n)·interval as independent members confirm the suspicion:
 * timeout(C) = max(min, max − (max − min)·ln(C+1)/ln(K+1)) with K = α − 2 confirmations wanted
 * (0 when the cluster is too small to provide them, which makes the timeout min at once).
 */
public final class SuspicionTimer {

    private final int slot;
    private final long incarnation;
    private final long startMs;
    private final long minMs;
    private final long maxMs;
    private final int wanted;
    /** The accuser, then up to {@code wanted} confirmers: a handful, so an array beats a set. */
    private final String[] confirmers;
    private int confirmerCount;
    private long deadlineMs;
    /** Position in {@link SuspicionTimers}' heap; -1 when not scheduled. */
    int heapIndex = -1;

    /**
     * @param origin the member that raised the suspicion: it does not count as a confirmation
     */
    public SuspicionTimer(int slot, long incarnation, String origin, int members, GossipConfig config, long nowMs) {
        this.slot = slot;
        this.incarnation = incarnation;
        this.startMs = nowMs;
        this.minMs = minTimeoutMs(config, members);
        this.maxMs = config.suspicionMaxMult() * minMs;
        int k = config.suspicionMult() - 2;
        this.wanted = members - 2 < k ? 0 : Math.max(0, k);
        this.confirmers = new String[wanted + 1];
        confirmers[confirmerCount++] = origin;
        this.deadlineMs = startMs + timeoutMs(0);
    }

    /** min = α·max(1, log10 n)·probe interval. */
    public static long minTimeoutMs(GossipConfig config, int members) {
        double scale = Math.max(1.0, Math.log10(Math.max(1, members)));
        return (long) (config.suspicionMult() * scale * config.probeIntervalMs());
    }

    /** The timeout after {@code confirmations} independent confirmations. */
    public long timeoutMs(int confirmations) {
        if (wanted < 1) {
            return minMs;
        }
        double frac = Math.log(confirmations + 1.0) / Math.log(wanted + 1.0);
        long t = (long) Math.floor(maxMs - (maxMs - minMs) * frac);
        return Math.max(minMs, t);
    }

    /** Records a confirmation from {@code from}; true when it is new (and worth re-gossiping). */
    public boolean confirm(String from) {
        if (confirmerCount - 1 >= wanted) {
            return false;
        }
        for (int i = 0; i < confirmerCount; i++) {
            if (confirmers[i].equals(from)) {
                return false;
            }
        }
        confirmers[confirmerCount++] = from;
        deadlineMs = startMs + timeoutMs(confirmerCount - 1);
        return true;
    }

    public int confirmations() {
        return confirmerCount - 1;
    }

    public int slot() {
        return slot;
    }

    public long incarnation() {
        return incarnation;
    }

    public long deadlineMs() {
        return deadlineMs;
    }

    public long minMs() {
        return minMs;
    }

    public long maxMs() {
        return maxMs;
    }
}
