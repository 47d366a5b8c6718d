package org.rescuemesh.gossip;

/**
 * Smoothed fraction of this node's probe rounds whose direct ping went unanswered: the node's
 * own view of how lossy its network is (it decides re-probing, the number of relays and the
 * retransmit stretch). A plain average over the first {@link #WARM_UP} rounds, then an EWMA
 * with gain 1/{@link #WARM_UP}. An EWMA started at 0 would take ~20 rounds to notice a lossy
 * network, and a node that just joined would meanwhile suspect members at the clean-network
 * rate — at 30 % loss that start-up burst of suspicions and refutations was most of a
 * simulated cluster's first ten minutes of traffic.
 *
 * <p>Even that average is a guess after a handful of rounds (after one round it is 0 or 1), so
 * decisions that only cost something when a probe fails — re-probing before suspecting, how
 * many relays — use {@link #forDecisions()}, which assumes the worst until the warm-up is over.
 * On a clean network that costs nothing but, for a node's first {@value #WARM_UP} rounds, one
 * probe period more before a dead member is suspected.
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

    /**
     * The rate for choices that are cheap when probes succeed: 1 (assume a lossy network) until
     * {@value #WARM_UP} rounds have been recorded, then {@link #rate()}. With the plain average,
     * about half the nodes of a freshly started cluster at 30 % loss saw their first direct ping
     * answered, judged the network clean, suspected after a single failed round with 3 relays,
     * and at 10,000 nodes that start-up burst was ~1,000 false suspicions (docs/bench/gossip.md).
     */
    double forDecisions() {
        return rounds < WARM_UP ? 1.0 : rate;
    }

    /** 0 (every direct ping answered, or no round yet) .. 1. */
    double rate() {
        return rate;
    }
}
