package org.rescuemesh.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.Alive;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.Suspect;

class BroadcastQueueTest {

    private static GossipMessage alive(String id, long inc) {
        return GossipMessage.newBuilder().setAlive(Alive.newBuilder().setNodeId(id).setIncarnation(inc)
                .setAddr("10.1.2.3:7946")).build();
    }

    @Test
    void eachUpdateIsSentExactlyTheRetransmitLimit() {
        GossipConfig lan = GossipConfig.lan();
        int limit = lan.retransmitLimit(1_000);
        assertThat(limit).isEqualTo(20); // λ·ceil(log10(1001)) with λ = 5 (memberlist: 4 → 16)
        BroadcastQueue q = new BroadcastQueue(1_024);
        q.enqueue(1, alive("n1", 1));
        int sent = 0;
        for (int i = 0; i < 100; i++) {
            sent += q.take(1_000, 1_000, limit).size();
        }
        assertThat(sent).isEqualTo(20);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void newerUpdateAboutTheSameMemberReplacesTheQueuedOne() {
        BroadcastQueue q = new BroadcastQueue(1_024);
        q.enqueue(5, GossipMessage.newBuilder().setSuspect(Suspect.newBuilder().setNodeId("n5")
                .setIncarnation(2).setFromId("n1")).build());
        q.take(1_000, 1_000, 10);
        assertThat(q.transmitsOf(5)).isEqualTo(1);
        q.enqueue(5, alive("n5", 3));
        q.enqueue(6, alive("n6", 1));
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.transmitsOf(5)).isZero();
        List<GossipMessage> out = q.take(1_000, 1_000, 10);
        assertThat(out).hasSize(2);
        assertThat(out).noneMatch(GossipMessage::hasSuspect);
    }

    @Test
    void leastSentFirstAndPackedWithinTheBudget() {
        BroadcastQueue q = new BroadcastQueue(1_024);
        for (int i = 0; i < 50; i++) {
            q.enqueue(i, alive("node-" + i, i));
        }
        int each = FrameBudget.messageBytes(alive("node-10", 10));
        int budget = 7 * each + each / 2;
        List<GossipMessage> first = q.take(budget, 1_000, 4);
        int used = first.stream().mapToInt(FrameBudget::messageBytes).sum();
        assertThat(used).isLessThanOrEqualTo(budget);
        assertThat(first.size()).isGreaterThanOrEqualTo(6);
        // the next frame carries only updates never sent before
        List<GossipMessage> second = q.take(budget, 1_000, 4);
        for (GossipMessage m : second) {
            assertThat(first).doesNotContain(m);
        }
        // and a whole envelope built from them fits the frame
        Envelope e = Envelope.newBuilder().setVersion(1).setSenderId("node-0").setFrameSeq(Long.MAX_VALUE)
                .setSentAtMs(Long.MAX_VALUE).addAllMessages(second).build();
        assertThat(e.getSerializedSize()).isLessThanOrEqualTo(budget + FrameBudget.envelopeHeaderBytes("node-0"));
    }

    @Test
    void overflowDropsTheMostSentAndOversizedUpdatesAreDropped() {
        BroadcastQueue q = new BroadcastQueue(3);
        q.enqueue(1, alive("a", 1));
        q.take(1_000, 1_000, 10);
        q.enqueue(2, alive("b", 1));
        q.enqueue(3, alive("c", 1));
        q.enqueue(4, alive("d", 1));
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.transmitsOf(1)).as("the already-sent one was dropped").isEqualTo(-1);
        assertThat(q.dropped()).isEqualTo(1);

        BroadcastQueue big = new BroadcastQueue(10);
        big.enqueue(9, GossipMessage.newBuilder().setAlive(Alive.newBuilder().setNodeId("x".repeat(300))).build());
        assertThat(big.take(100, 100, 5)).isEmpty();
        assertThat(big.isEmpty()).isTrue();
        assertThat(big.dropped()).isEqualTo(1);
    }

    @Test
    void refutationGoesFirstInEveryFrameAndIsNeverDroppedForDepth() {
        int self = 7;
        BroadcastQueue q = new BroadcastQueue(4);
        for (int i = 0; i < 4; i++) {
            q.enqueue(i, alive("n" + i, 1));
        }
        // every queued item is sent twice, then our refutation arrives, then fresher news
        q.take(1_000, 1_000, 10);
        q.take(1_000, 1_000, 10);
        GossipMessage refutation = alive("n7", 3);
        q.enqueueUrgent(self, refutation);
        q.enqueue(10, alive("n10", 1));
        q.enqueue(11, alive("n11", 1));
        q.enqueue(12, alive("n12", 1));
        assertThat(q.size()).isEqualTo(4);
        assertThat(q.transmitsOf(self)).as("kept although the queue overflowed three times").isZero();
        assertThat(q.dropped()).isEqualTo(4);
        // ordinary news arriving later no longer evicts it either, even when it is the most sent
        // room for one update per frame (the other ids are a digit longer)
        int one = FrameBudget.messageBytes(alive("n12", 1));
        for (int frame = 1; frame <= 5; frame++) {
            List<GossipMessage> out = q.take(one, 1_000, 5);
            assertThat(out).as("frame %d has room for one update: the refutation", frame).containsExactly(refutation);
            q.enqueue(20 + frame, alive("n" + (20 + frame), 1));
            assertThat(q.transmitsOf(self)).isEqualTo(frame == 5 ? -1 : frame);
        }
        assertThat(q.take(one, 1_000, 5)).doesNotContain(refutation).hasSize(1);

        // the same update queued as ordinary news waits behind less-sent news
        BroadcastQueue plain = new BroadcastQueue(4);
        plain.enqueue(self, refutation);
        plain.take(1_000, 1_000, 10);
        plain.enqueue(1, alive("n1", 1));
        assertThat(plain.take(one, 1_000, 10)).containsExactly(alive("n1", 1));
    }

    @Test
    void aNewerUpdateReplacingARefutationStaysUrgent() {
        BroadcastQueue q = new BroadcastQueue(8);
        q.enqueue(1, alive("n1", 1));
        q.enqueueUrgent(7, alive("n7", 3));
        // the node publishes new state before its refutation went out: incarnation 4 refutes too
        GossipMessage newer = alive("n7", 4);
        q.enqueue(7, newer);
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.take(FrameBudget.messageBytes(newer), 1_000, 5)).containsExactly(newer);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new BroadcastQueue(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDepth");
        BroadcastQueue q = new BroadcastQueue(4);
        assertThatThrownBy(() -> q.enqueueUrgent(BroadcastQueue.NO_SUBJECT, alive("x", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
    }

    @Test
    void configScalesRetransmitsAndPushPullLikeMemberlist() {
        GossipConfig lan = GossipConfig.lan();
        assertThat(lan.retransmitLimit(10_000)).isEqualTo(25);
        assertThat(lan.pushPullIntervalFor(32)).isEqualTo(30_000);
        assertThat(lan.pushPullIntervalFor(1_000)).isEqualTo(180_000);
        assertThat(lan.pushPullIntervalFor(10_000)).isEqualTo(300_000);
        List<String> names = new ArrayList<>();
        for (String p : List.of("lan", "lora")) {
            names.add(p + ":" + GossipConfig.profile(p).maxFrameBytes());
        }
        assertThat(names).containsExactly("lan:1200", "lora:200");
    }
}
