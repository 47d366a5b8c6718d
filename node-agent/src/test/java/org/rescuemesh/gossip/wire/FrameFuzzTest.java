package org.rescuemesh.gossip.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rescuemesh.gossip.wire.TestFrames.NOW_MS;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rescuemesh.gossip.transport.FrameCodec;
import org.rescuemesh.gossip.transport.FrameRejectedException;
import org.rescuemesh.gossip.transport.FrameRejectedException.Reason;
import org.rescuemesh.gossip.transport.PlainFrameCodec;
import org.rescuemesh.proto.v1.Ack;
import org.rescuemesh.proto.v1.Alive;
import org.rescuemesh.proto.v1.Dead;
import org.rescuemesh.proto.v1.Digest;
import org.rescuemesh.proto.v1.DigestEntry;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;
import org.rescuemesh.proto.v1.PingReq;
import org.rescuemesh.proto.v1.Suspect;

/**
 * Pushes random and mutated frames (bit flips, truncations, splices of valid frames, insertions,
 * raw noise) through both codecs: the only permitted outcomes are a valid envelope or a
 * {@link FrameRejectedException}, and the counters must account for every frame.
 */
class FrameFuzzTest {

    private static final int FRAMES_PER_CODEC = 60_000;
    private static final int MAX_FRAME = 1200;

    @Test
    void plainCodecSurvivesRandomAndMutatedFrames() {
        Random random = new Random(20261128L);
        FrameCounters counters = new FrameCounters();
        FrameCodec codec = new CountingFrameCodec(new PlainFrameCodec(MAX_FRAME), counters);
        List<byte[]> valid = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            valid.add(codec.encode(randomEnvelope(random, "node-" + i, i)));
        }
        Tally tally = push(codec, valid, random, envelope -> assertThat(envelope.getVersion()).isEqualTo(1));
        tally.assertMatches(counters, FRAMES_PER_CODEC);
        assertThat(tally.accepted).isPositive();
        assertThat(tally.byReason.keySet()).contains(Reason.MALFORMED, Reason.OVERSIZED, Reason.TRUNCATED);
    }

    @Test
    void sealedCodecSurvivesRandomAndMutatedFramesAndNeverAcceptsAForgery() {
        Random random = new Random(42L);
        Keyring keyring = Keyring.of(TestFrames.key(7), TestFrames.key(8));
        FrameCounters counters = new FrameCounters();
        SealedFrameCodec sender = new SealedFrameCodec(keyring, MAX_FRAME, new ReplayWindow(() -> NOW_MS));
        SealedFrameCodec olderSender = new SealedFrameCodec(Keyring.of(TestFrames.key(8)), MAX_FRAME,
                new ReplayWindow(() -> NOW_MS));
        FrameCodec receiver = new CountingFrameCodec(
                new SealedFrameCodec(keyring, MAX_FRAME, new ReplayWindow(() -> NOW_MS)), counters);
        List<byte[]> valid = new ArrayList<>();
        Set<Envelope> sealed = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Envelope envelope = randomEnvelope(random, "node-" + (i % 20), i);
            sealed.add(envelope);
            valid.add((i % 4 == 0 ? olderSender : sender).encode(envelope));
        }
        Set<Envelope> opened = new HashSet<>();
        Tally tally = push(receiver, valid, random, envelope -> {
            assertThat(sealed).as("only envelopes we sealed ever come out").contains(envelope);
            assertThat(opened.add(envelope)).as("each sealed envelope is accepted once").isTrue();
        });
        tally.assertMatches(counters, FRAMES_PER_CODEC);
        assertThat(tally.byReason.keySet()).contains(Reason.AUTH_FAILED, Reason.REPLAYED, Reason.TRUNCATED,
                Reason.OVERSIZED, Reason.MALFORMED);
        assertThat(opened).hasSize(sealed.size());
    }

    private interface Acceptance {
        void check(Envelope envelope);
    }

    private static final class Tally {
        long accepted;
        final Map<Reason, Long> byReason = new EnumMap<>(Reason.class);

        void assertMatches(FrameCounters counters, int pushed) {
            assertThat(counters.received()).isEqualTo(pushed);
            assertThat(counters.accepted()).isEqualTo(accepted);
            for (Reason reason : Reason.values()) {
                assertThat(counters.rejected(reason)).as("%s", reason).isEqualTo(byReason.getOrDefault(reason, 0L));
            }
        }
    }

    private static Tally push(FrameCodec codec, List<byte[]> valid, Random random, Acceptance acceptance) {
        Tally tally = new Tally();
        for (int i = 0; i < FRAMES_PER_CODEC; i++) {
            byte[] frame = mutate(valid, random, i);
            try {
                Envelope envelope = codec.decode(frame);
                assertThat(envelope).isNotNull();
                acceptance.check(envelope);
                tally.accepted++;
            } catch (FrameRejectedException e) {
                assertThat(e.reason()).isNotNull();
                tally.byReason.merge(e.reason(), 1L, Long::sum);
            }
            // Any other exception propagates and fails the test: that is the point.
        }
        return tally;
    }

    private static byte[] mutate(List<byte[]> valid, Random random, int i) {
        byte[] base = valid.get(random.nextInt(valid.size()));
        if (i < valid.size()) {
            return valid.get(i).clone(); // every valid frame goes through once, first
        }
        switch (random.nextInt(8)) {
            case 0 -> {
                byte[] noise = new byte[random.nextInt(MAX_FRAME + 100)];
                random.nextBytes(noise);
                return noise;
            }
            case 1, 2 -> {
                byte[] flipped = base.clone();
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    int bit = random.nextInt(flipped.length * 8);
                    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                return flipped;
            }
            case 3 -> {
                return java.util.Arrays.copyOf(base, random.nextInt(base.length));
            }
            case 4 -> {
                byte[] other = valid.get(random.nextInt(valid.size()));
                int cutA = random.nextInt(base.length + 1);
                int cutB = random.nextInt(other.length + 1);
                byte[] spliced = new byte[cutA + other.length - cutB];
                System.arraycopy(base, 0, spliced, 0, cutA);
                System.arraycopy(other, cutB, spliced, cutA, other.length - cutB);
                return spliced;
            }
            case 5 -> {
                int at = random.nextInt(base.length + 1);
                byte[] inserted = new byte[base.length + 1 + random.nextInt(4)];
                System.arraycopy(base, 0, inserted, 0, at);
                for (int k = at; k < at + inserted.length - base.length; k++) {
                    inserted[k] = (byte) random.nextInt(256);
                }
                System.arraycopy(base, at, inserted, at + inserted.length - base.length, base.length - at);
                return inserted;
            }
            case 6 -> {
                byte[] padded = java.util.Arrays.copyOf(base, MAX_FRAME + 1 + random.nextInt(64));
                return padded;
            }
            default -> {
                return base.clone(); // replay of a frame already seen
            }
        }
    }

    static Envelope randomEnvelope(Random random, String sender, long seq) {
        Envelope.Builder envelope = Envelope.newBuilder().setVersion(1).setSenderId(sender).setFrameSeq(seq)
                .setSentAtMs(NOW_MS - random.nextInt(1000));
        int messages = 1 + random.nextInt(5);
        for (int m = 0; m < messages; m++) {
            String node = "team-" + (char) ('a' + random.nextInt(5)) + "-" + random.nextInt(100);
            GossipMessage.Builder message = GossipMessage.newBuilder();
            switch (random.nextInt(6)) {
                case 0 -> message.setAck(Ack.newBuilder().setSeqNo(random.nextInt()).setHeardCount(random.nextInt(32))
                        .setHeardWindow(32).setEchoSentAtMs(NOW_MS));
                case 1 -> message.setPingReq(PingReq.newBuilder().setSeqNo(random.nextInt()).setTargetId(node)
                        .setTargetAddr("10.0." + random.nextInt(255) + ".1:7946").setWantNack(random.nextBoolean()));
                case 2 -> message.setSuspect(Suspect.newBuilder().setNodeId(node).setIncarnation(random.nextInt(9))
                        .setFromId(sender));
                case 3 -> message.setDead(Dead.newBuilder().setNodeId(node).setIncarnation(random.nextInt(9))
                        .setFromId(sender));
                case 4 -> message.setDigest(Digest.newBuilder().addEntries(DigestEntry.newBuilder().setNodeId(node)
                        .setIncarnation(3).setStatus(NodeStatus.NODE_STATUS_ALIVE).setStateHash(random.nextInt())));
                default -> message.setAlive(Alive.newBuilder().setNodeId(node).setIncarnation(random.nextInt(9))
                        .setAddr("10.0.0.1:7946").setState(NodeState.newBuilder().setNodeId(node)
                                .setBatteryPct(random.nextInt(100)).setPosition(GeoPosition.newBuilder()
                                        .setLatDeg(47 + random.nextDouble()).setLonDeg(8 + random.nextDouble())
                                        .setSource("gps"))));
            }
            envelope.addMessages(message);
        }
        return envelope.build();
    }
}
