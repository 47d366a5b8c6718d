package org.rescuemesh.gossip.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rescuemesh.gossip.wire.TestFrames.NOW_MS;
import static org.rescuemesh.gossip.wire.TestFrames.envelope;
import static org.rescuemesh.gossip.wire.TestFrames.key;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rescuemesh.gossip.transport.FrameRejectedException;
import org.rescuemesh.gossip.transport.FrameRejectedException.Reason;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.Ping;
import org.rescuemesh.proto.v1.SealedFrame;

class SealedFrameCodecTest {

    private static SealedFrameCodec codec(Keyring keyring, int maxFrameBytes) {
        return new SealedFrameCodec(keyring, maxFrameBytes, new ReplayWindow(() -> NOW_MS));
    }

    private static Reason rejection(SealedFrameCodec codec, byte[] frame) {
        try {
            codec.decode(frame);
        } catch (FrameRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("frame was accepted");
    }

    @Test
    void roundTripReturnsTheSameEnvelopeAndHidesThePlaintext() throws Exception {
        Keyring keyring = Keyring.of(key(1));
        SealedFrameCodec sender = codec(keyring, 1200);
        SealedFrameCodec receiver = codec(keyring, 1200);
        Envelope sent = envelope("team-a-03", 17, NOW_MS - 40);

        byte[] frame = sender.encode(sent);

        assertThat(receiver.decode(frame)).isEqualTo(sent);
        assertThat(new String(frame, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("team-a-03");
        SealedFrame outer = SealedFrame.parseFrom(frame);
        assertThat(outer.getVersion()).isEqualTo(1);
        assertThat(outer.getKeyId()).isEqualTo(keyring.primary().keyId());
        assertThat(outer.getNonce().size()).isEqualTo(12);
        assertThat(outer.getCiphertext().size()).isEqualTo(sent.getSerializedSize() + 16);
    }

    @Test
    void nonceNeverRepeatsAcrossFrames() {
        SealedFrameCodec sender = codec(Keyring.of(key(1)), 1200);
        java.util.Set<ByteString> nonces = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] frame = sender.encode(envelope("a", i, NOW_MS));
            try {
                assertThat(nonces.add(SealedFrame.parseFrom(frame).getNonce())).isTrue();
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void overheadIsExactForEveryEnvelopeSizeAndLoraFramesFit200Bytes() {
        SealedFrameCodec lora = codec(Keyring.of(key(1)), 200);
        assertThat(lora.overheadBytes()).isEqualTo(40);
        assertThat(lora.maxEnvelopeBytes()).isEqualTo(160);
        Random random = new Random(3);
        for (int padding = 0; ; padding++) {
            Envelope envelope = Envelope.newBuilder().setVersion(1).setSenderId("n").setFrameSeq(1)
                    .setSentAtMs(NOW_MS).addMessages(GossipMessage.newBuilder().setPing(Ping.newBuilder()
                            .setTargetId("x".repeat(padding)).setSeqNo(random.nextInt(1000))))
                    .build();
            int size = envelope.getSerializedSize();
            if (size > lora.maxEnvelopeBytes()) {
                int tooBig = size;
                assertThatThrownBy(() -> lora.encode(envelope)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(tooBig + " B");
                break;
            }
            byte[] frame = lora.encode(envelope);
            assertThat(frame.length).isEqualTo(lora.sealedLength(size)).isLessThanOrEqualTo(200)
                    .isLessThanOrEqualTo(size + lora.overheadBytes());
            if (size == lora.maxEnvelopeBytes()) {
                assertThat(frame.length).isEqualTo(200);
            }
        }
    }

    @Test
    void wrongKeyIsUnknownKeyAndAForgedKeyIdFailsAuthentication() throws Exception {
        byte[] frame = codec(Keyring.of(key(1)), 1200).encode(envelope("a", 1, NOW_MS));

        assertThat(rejection(codec(Keyring.of(key(2)), 1200), frame)).isEqualTo(Reason.UNKNOWN_KEY);

        // Relabel the frame with the receiver's key id: the tag no longer verifies.
        Keyring other = Keyring.of(key(2));
        byte[] relabelled = SealedFrame.parseFrom(frame).toBuilder().setKeyId(other.primary().keyId())
                .build().toByteArray();
        assertThat(rejection(codec(other, 1200), relabelled)).isEqualTo(Reason.AUTH_FAILED);
    }

    @Test
    void keyRotationOldKeyStillOpensNewPrimarySeals() throws Exception {
        byte[] oldKey = key(1);
        byte[] newKey = key(2);
        SealedFrameCodec notYetRotated = codec(Keyring.of(oldKey), 1200);
        SealedFrameCodec rotated = codec(Keyring.of(newKey, oldKey), 1200);
        SealedFrameCodec onlyOld = codec(Keyring.of(oldKey), 1200);

        Envelope fromOldNode = envelope("old-node", 1, NOW_MS);
        assertThat(rotated.decode(notYetRotated.encode(fromOldNode))).isEqualTo(fromOldNode);

        byte[] sealedByRotated = rotated.encode(envelope("new-node", 1, NOW_MS));
        assertThat(SealedFrame.parseFrom(sealedByRotated).getKeyId()).isEqualTo(MissionKey.keyIdOf(newKey));
        assertThat(rejection(onlyOld, sealedByRotated)).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(codec(Keyring.of(newKey), 1200).decode(sealedByRotated).getSenderId()).isEqualTo("new-node");
    }

    @Test
    void everyTruncationIsRejectedAsTruncated() {
        Keyring keyring = Keyring.of(key(1));
        byte[] frame = codec(keyring, 1200).encode(envelope("a", 1, NOW_MS));
        SealedFrameCodec receiver = codec(keyring, 1200);
        for (int length = 0; length < frame.length; length++) {
            assertThat(rejection(receiver, Arrays.copyOf(frame, length)))
                    .as("truncated to %d of %d bytes", length, frame.length)
                    .isIn(Reason.TRUNCATED, Reason.AUTH_FAILED);
        }
        // Cut anywhere but exactly after a complete ciphertext prefix ≥ 16 B, the layout says truncated.
        assertThat(rejection(receiver, Arrays.copyOf(frame, frame.length - 20))).isEqualTo(Reason.TRUNCATED);
        assertThat(rejection(receiver, Arrays.copyOf(frame, 21))).isEqualTo(Reason.TRUNCATED);
        assertThat(rejection(receiver, new byte[0])).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void oversizedIsRejectedBeforeAnyParsing() {
        SealedFrameCodec receiver = codec(Keyring.of(key(1)), 200);
        byte[] big = codec(Keyring.of(key(1)), 1200).encode(envelope("a", 1, NOW_MS).toBuilder()
                .addMessages(GossipMessage.newBuilder().setPing(Ping.newBuilder().setTargetId("y".repeat(300))))
                .build());
        assertThat(rejection(receiver, big)).isEqualTo(Reason.OVERSIZED);
        byte[] garbage = new byte[201];
        Arrays.fill(garbage, (byte) 0xff);
        assertThat(rejection(receiver, garbage)).isEqualTo(Reason.OVERSIZED);
    }

    @Test
    void unknownVersionsOfOuterAndInnerFrameAreRefused() throws Exception {
        Keyring keyring = Keyring.of(key(1));
        SealedFrameCodec codec = codec(keyring, 1200);
        byte[] frame = codec.encode(envelope("a", 1, NOW_MS));
        byte[] v2 = SealedFrame.parseFrom(frame).toBuilder().setVersion(2).build().toByteArray();
        assertThat(rejection(codec, v2)).isEqualTo(Reason.UNKNOWN_VERSION);

        byte[] innerV7 = codec.encode(envelope("a", 2, NOW_MS).toBuilder().setVersion(7).build());
        assertThat(rejection(codec, innerV7)).isEqualTo(Reason.UNKNOWN_VERSION);
    }

    @Test
    void anySingleBitFlipInTheCiphertextOrNonceFailsAuthentication() throws Exception {
        Keyring keyring = Keyring.of(key(1));
        SealedFrameCodec codec = codec(keyring, 1200);
        byte[] frame = codec.encode(envelope("a", 1, NOW_MS));
        SealedFrame outer = SealedFrame.parseFrom(frame);
        byte[] ciphertext = outer.getCiphertext().toByteArray();
        for (int bit = 0; bit < ciphertext.length * 8; bit++) {
            byte[] tampered = ciphertext.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            byte[] bad = outer.toBuilder().setCiphertext(ByteString.copyFrom(tampered)).build().toByteArray();
            assertThat(rejection(codec, bad)).isEqualTo(Reason.AUTH_FAILED);
        }
        byte[] nonce = outer.getNonce().toByteArray();
        nonce[5] ^= 0x10;
        assertThat(rejection(codec, outer.toBuilder().setNonce(ByteString.copyFrom(nonce)).build().toByteArray()))
                .isEqualTo(Reason.AUTH_FAILED);
        // The untouched frame still opens: nothing above was accepted as a side effect.
        assertThat(codec.decode(frame).getFrameSeq()).isEqualTo(1);
    }

    @Test
    void aReplayedFrameIsRefusedTheSecondTime() throws Exception {
        Keyring keyring = Keyring.of(key(1));
        SealedFrameCodec sender = codec(keyring, 1200);
        SealedFrameCodec receiver = codec(keyring, 1200);
        byte[] first = sender.encode(envelope("a", 1, NOW_MS));
        byte[] second = sender.encode(envelope("a", 2, NOW_MS));

        receiver.decode(first);
        receiver.decode(second);
        assertThat(rejection(receiver, first)).isEqualTo(Reason.REPLAYED);
        assertThat(rejection(receiver, second)).isEqualTo(Reason.REPLAYED);
        // Same sequence from another sender is a different stream.
        assertThat(receiver.decode(sender.encode(envelope("b", 1, NOW_MS))).getSenderId()).isEqualTo("b");
    }

    @Test
    void staleFramesAndFramesWithoutSenderAreRefused() {
        Keyring keyring = Keyring.of(key(1));
        SealedFrameCodec codec = codec(keyring, 1200);
        long hourAgo = NOW_MS - 3_600_000;
        assertThat(rejection(codec, codec.encode(envelope("a", 1, hourAgo)))).isEqualTo(Reason.REPLAYED);
        assertThat(rejection(codec, codec.encode(envelope("", 1, NOW_MS)))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void randomBytesAndPlainEnvelopesAreRejectedNotAccepted() {
        SealedFrameCodec codec = codec(Keyring.of(key(1)), 1200);
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[1 + random.nextInt(1200)];
            random.nextBytes(noise);
            assertThat(rejection(codec, noise)).isNotNull();
        }
        assertThat(rejection(codec, envelope("a", 1, NOW_MS).toByteArray()))
                .isIn(Reason.MALFORMED, Reason.UNKNOWN_KEY, Reason.TRUNCATED);
    }

    @Test
    void largeTcpFramesHaveExactBudgetsToo() {
        for (int max : new int[] {100, 127, 150, 16_422, 16_423, 16_424, 1 << 20}) {
            SealedFrameCodec codec = codec(Keyring.of(key(1)), max);
            assertThat(codec.sealedLength(codec.maxEnvelopeBytes())).as("max %d", max).isLessThanOrEqualTo(max);
            assertThat(codec.sealedLength(codec.maxEnvelopeBytes() + 1)).as("max %d", max).isGreaterThan(max);
        }
        assertThatThrownBy(() -> codec(Keyring.of(key(1)), Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMaxFrameTooSmallForAnySealedFrameIsAConfigurationError() {
        assertThatThrownBy(() -> codec(Keyring.of(key(1)), 30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot hold a sealed frame");
    }
}
