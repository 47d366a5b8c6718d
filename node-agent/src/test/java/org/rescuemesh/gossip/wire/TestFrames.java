package org.rescuemesh.gossip.wire;

import java.security.SecureRandom;
import org.rescuemesh.proto.v1.Alive;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.Ping;

/** Envelopes and keys for the wire tests. */
final class TestFrames {

    static final long NOW_MS = 1_796_000_000_000L;

    private TestFrames() {
    }

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        new java.util.Random(seed).nextBytes(key);
        return key;
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    static Envelope envelope(String sender, long seq, long sentAtMs) {
        return Envelope.newBuilder()
                .setVersion(1)
                .setSenderId(sender)
                .setFrameSeq(seq)
                .setSentAtMs(sentAtMs)
                .addMessages(GossipMessage.newBuilder().setPing(Ping.newBuilder()
                        .setSeqNo((int) seq).setTargetId("team-b-07").setSentAtMs(sentAtMs)
                        .setSourceAddr("10.0.0.3:7946")))
                .addMessages(GossipMessage.newBuilder().setAlive(Alive.newBuilder()
                        .setNodeId("team-a-03").setIncarnation(4).setAddr("10.0.0.3:7946")))
                .build();
    }
}
