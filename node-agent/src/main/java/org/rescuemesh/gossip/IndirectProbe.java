package org.rescuemesh.gossip;

/**
 * A ping this node sends on behalf of another member (ping-req): forwards the target's ack to
 * the origin, or tells the origin "I am alive but the target is silent" with a nack.
 */
final class IndirectProbe {

    final int target;
    final int seq;
    final String originAddress;
    final int originSeq;
    final long nackAtMs;
    final long expiresMs;
    final boolean wantNack;
    boolean nackSent;

    IndirectProbe(int target, int seq, String originAddress, int originSeq, long nackAtMs, long expiresMs,
                  boolean wantNack) {
        this.target = target;
        this.seq = seq;
        this.originAddress = originAddress;
        this.originSeq = originSeq;
        this.nackAtMs = nackAtMs;
        this.expiresMs = expiresMs;
        this.wantNack = wantNack;
    }
}
