package org.rescuemesh.gossip;

/**
 * A ping this node sends on behalf of another member (ping-req): pings the target (twice if the
 * first gets no answer), forwards the target's ack to the origin, or tells the origin "I am
 * alive but the target is silent" with a nack.
 */
final class IndirectProbe {

    final int target;
    final int seq;
    final String originAddress;
    final int originSeq;
    final long retryAtMs;
    final String targetId;
    final String targetAddress;
    /** Sequence of the second ping to the target; 0 until it is sent. */
    int retrySeq;
    final long nackAtMs;
    final long expiresMs;
    final boolean wantNack;
    boolean nackSent;

    IndirectProbe(int target, String targetId, String targetAddress, int seq, String originAddress, int originSeq,
                  long retryAtMs, long nackAtMs, long expiresMs, boolean wantNack) {
        this.target = target;
        this.targetId = targetId;
        this.targetAddress = targetAddress;
        this.retryAtMs = retryAtMs;
        this.seq = seq;
        this.originAddress = originAddress;
        this.originSeq = originSeq;
        this.nackAtMs = nackAtMs;
        this.expiresMs = expiresMs;
        this.wantNack = wantNack;
    }
}
