package org.rescuemesh.gossip.wire;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;
import org.rescuemesh.gossip.transport.FrameCodec;
import org.rescuemesh.gossip.transport.FrameRejectedException;
import org.rescuemesh.gossip.transport.PlainFrameCodec;
import org.rescuemesh.proto.v1.Alive;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;

/**
 * Bench command (not a test): cost of sealing and opening frames on one core, and of rejecting
 * garbage, for the LoRa (200 B) and LAN (1,200 B) frame sizes. Prints one JSON object per line.
 * Run: {@code java -cp node-agent/target/node-agent.jar org.rescuemesh.gossip.wire.WireBench}
 */
public final class WireBench {

    private static final int FRAMES = 20_000;
    private static final int PASSES = 15;

    private WireBench() {
    }

    public static void main(String[] args) throws FrameRejectedException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Keyring keyring = Keyring.of(key);
        // First round warms the JIT up for both sizes and is not printed.
        for (int round = 0; round < 2; round++) {
            for (int maxFrame : new int[] {200, 1200}) {
                measure(keyring, maxFrame, round == 1);
            }
        }
    }

    private static void measure(Keyring keyring, int maxFrame, boolean print) throws FrameRejectedException {
        {
            long now = System.currentTimeMillis();
            SealedFrameCodec sender = new SealedFrameCodec(keyring, maxFrame, new ReplayWindow(() -> now));
            Envelope[] envelopes = new Envelope[FRAMES];
            for (int i = 0; i < FRAMES; i++) {
                envelopes[i] = fill("node-" + (i % 50), i, now, sender.maxEnvelopeBytes());
            }
            byte[][] frames = new byte[FRAMES][];
            long sealNs = Long.MAX_VALUE;
            for (int pass = 0; pass < PASSES; pass++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < FRAMES; i++) {
                    frames[i] = sender.encode(envelopes[i]);
                }
                sealNs = Math.min(sealNs, System.nanoTime() - t0);
            }
            long openNs = Long.MAX_VALUE;
            for (int pass = 0; pass < PASSES; pass++) {
                SealedFrameCodec receiver = new SealedFrameCodec(keyring, maxFrame, new ReplayWindow(() -> now));
                long t0 = System.nanoTime();
                for (byte[] frame : frames) {
                    receiver.decode(frame);
                }
                openNs = Math.min(openNs, System.nanoTime() - t0);
            }
            long plainNs = Long.MAX_VALUE;
            FrameCodec plain = new PlainFrameCodec(maxFrame);
            byte[][] plainFrames = new byte[FRAMES][];
            for (int i = 0; i < FRAMES; i++) {
                plainFrames[i] = plain.encode(envelopes[i]);
            }
            for (int pass = 0; pass < PASSES; pass++) {
                long t0 = System.nanoTime();
                for (byte[] frame : plainFrames) {
                    plain.decode(frame);
                }
                plainNs = Math.min(plainNs, System.nanoTime() - t0);
            }
            Random random = new Random(1);
            byte[][] forged = new byte[FRAMES][];
            for (int i = 0; i < FRAMES; i++) {
                forged[i] = frames[i].clone();
                forged[i][forged[i].length - 1 - random.nextInt(16)] ^= 1; // flip a bit in the tag
            }
            long rejectNs = Long.MAX_VALUE;
            SealedFrameCodec receiver = new SealedFrameCodec(keyring, maxFrame, new ReplayWindow(() -> now));
            for (int pass = 0; pass < PASSES; pass++) {
                long t0 = System.nanoTime();
                for (byte[] frame : forged) {
                    try {
                        receiver.decode(frame);
                        throw new IllegalStateException("forged frame accepted");
                    } catch (FrameRejectedException expected) {
                        // counted below
                    }
                }
                rejectNs = Math.min(rejectNs, System.nanoTime() - t0);
            }
            if (!print) {
                return;
            }
            System.out.println(String.format(Locale.ROOT,
                    "{\"max_frame_bytes\":%d,\"max_envelope_bytes\":%d,\"overhead_bytes\":%d,\"frame_bytes\":%d,"
                            + "\"seal_us\":%.2f,\"open_us\":%.2f,\"open_forged_us\":%.2f,\"plain_decode_us\":%.2f,"
                            + "\"frames\":%d,\"passes\":%d}",
                    maxFrame, sender.maxEnvelopeBytes(), sender.overheadBytes(), frames[0].length,
                    sealNs / 1e3 / FRAMES, openNs / 1e3 / FRAMES, rejectNs / 1e3 / FRAMES, plainNs / 1e3 / FRAMES,
                    FRAMES, PASSES));
        }
    }

    /** An envelope carrying one Alive padded so that it is exactly {@code size} bytes. */
    private static Envelope fill(String sender, long seq, long now, int size) {
        Envelope base = Envelope.newBuilder().setVersion(1).setSenderId(sender).setFrameSeq(seq).setSentAtMs(now).build();
        for (int pad = Math.max(0, size - base.getSerializedSize() - 16); pad >= 0; pad--) {
            Envelope e = base.toBuilder().addMessages(GossipMessage.newBuilder().setAlive(Alive.newBuilder()
                    .setNodeId(sender).setIncarnation(1).setAddrBytes(ByteString.copyFromUtf8("x".repeat(pad))))).build();
            if (e.getSerializedSize() <= size) {
                return e;
            }
        }
        return base;
    }
}
