package org.rescuemesh.gossip;

/**
 * Smoothed fraction of this node's probe rounds whose direct ping went unanswered: the node's
 * own view of how lossy its network is (it decides re-probing, the number of relays and the
 * retransmit stretch). A plain average over the first {@link #WARM_UP} rounds, then an EWMA
 * with gain 1/{@link #WARM_UP}. An EWMA started at 0 would take ~20 rounds to notice a lossy
 * network, and a node that just joined would meanwhile suspect members at the clean-network
 * rate — at 30 % loss that start-up burst of suspicions and refutations was most of a
 * simulated cluster's first ten minutes of traffic.
 */
final class DirectProbeFailure {

    static final int WARM_UP = 20;

    private double rate;
    private long rounds;

    void record(boolean answered) {
        rounds++;
        double gain = Math.max(1.0 / WARM_UP, 1.0 / rounds);
        rate += gain * ((answered ? 0.0 : 1.0) - rate);
    }

    /** 0 (every direct ping answered, or no round yet) .. 1. */
    double rate() {
        return rate;
    }
}
