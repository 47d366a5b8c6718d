package org.rescuemesh.gossip;

/**
 * One probe period's attempt on one target: the direct ping, then (after the probe timeout) a
 * second direct ping and ping-reqs through k members, counting their nacks for Lifeguard's local
 * health.
 */
final class ProbeRound {

    final int target;
    final int seq;
    /** Sequence of the second direct ping sent with the ping-reqs; 0 before it is sent. */
    int retrySeq;
    final long startMs;
    final long indirectAtMs;
    final long endMs;
    int[] relays = new int[0];
    int nacks;
    boolean indirectSent;
    boolean acked;
    /** This round re-probes a target whose previous round failed. */
    boolean second;

    ProbeRound(int target, int seq, long startMs, long indirectAtMs, long endMs) {
        this.target = target;
        this.seq = seq;
        this.startMs = startMs;
        this.indirectAtMs = indirectAtMs;
        this.endMs = endMs;
    }

    boolean isRelay(int slot) {
        for (int r : relays) {
            if (r == slot) {
                return true;
            }
        }
        return false;
    }
}
