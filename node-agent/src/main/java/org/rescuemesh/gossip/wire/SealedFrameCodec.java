package org.rescuemesh.gossip.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.rescuemesh.gossip.transport.FrameCodec;
import org.rescuemesh.gossip.transport.FrameRejectedException;
import org.rescuemesh.gossip.transport.FrameRejectedException.Reason;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.SealedFrame;

/**
 * AES-256-GCM sealed frames: the serialized {@link Envelope} encrypted under the keyring's
 * primary key, wrapped in a {@link SealedFrame} whose version and key id stay readable. The
 * version and key id are also bound into the tag as associated data, so neither can be swapped.
 *
 * <p>Decoding checks the cheap things first (size, outer layout, version, key id) and decrypts
 * last; after authentication it checks the inner envelope (version, sender) and the
 * {@link ReplayWindow}. Every failure is a {@link FrameRejectedException} with its reason.
 *
 * <p>Overhead: 2 B version + 5 B key id + 14 B nonce + 1 B ciphertext field key + 1–2 B length
 * + 16 B GCM tag = 39 B for envelopes under 112 B, 40 B up to 16 KiB (see {@link #sealedLength}).
 */
public final class SealedFrameCodec implements FrameCodec {

    static final int TAG_BYTES = 16;
    /** Also bounds TCP frames (push-pull); keeps size arithmetic far from overflow. */
    public static final int MAX_FRAME_LIMIT = 64 << 20;
    private static final int TAG_BITS = TAG_BYTES * 8;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is mandatory in every Java runtime", e);
        }
    });

    private final Keyring keyring;
    private final int maxFrameBytes;
    private final ReplayWindow replayWindow;
    private final NonceSequence nonces;
    private final int maxEnvelopeBytes;

    /**
     * @param keyring       primary seals, every key opens
     * @param maxFrameBytes largest datagram on the wire, crypto included (1200 lan, 200 lora)
     * @param replayWindow  anti-replay state shared by everything that decodes for this node
     */
    public SealedFrameCodec(Keyring keyring, int maxFrameBytes, ReplayWindow replayWindow) {
        this(keyring, maxFrameBytes, replayWindow, new SecureRandom());
    }

    public SealedFrameCodec(Keyring keyring, int maxFrameBytes, ReplayWindow replayWindow, SecureRandom random) {
        this.keyring = keyring;
        this.maxFrameBytes = maxFrameBytes;
        this.replayWindow = replayWindow;
        this.nonces = new NonceSequence(random);
        if (maxFrameBytes > MAX_FRAME_LIMIT) {
            throw new IllegalArgumentException("max frame of " + maxFrameBytes + " B is above " + MAX_FRAME_LIMIT + " B");
        }
        // Overhead is 34..43 B (34 when the key id is 0 and proto3 omits it): search just below max - 30.
        int fit = -1;
        for (int n = Math.max(0, maxFrameBytes - 30); n >= 0 && fit < 0; n--) {
            if (sealedLength(n) <= maxFrameBytes) {
                fit = n;
            }
        }
        if (fit < 0) {
            throw new IllegalArgumentException("max frame of " + maxFrameBytes + " B cannot hold a sealed frame ("
                    + sealedLength(0) + " B minimum)");
        }
        this.maxEnvelopeBytes = fit;
    }

    /** Exact size on the wire of a frame sealing an envelope of {@code envelopeBytes}. */
    public int sealedLength(int envelopeBytes) {
        int ciphertext = envelopeBytes + TAG_BYTES;
        int keyIdField = keyring.primary().keyId() == 0 ? 0 : 1 + 4; // proto3 omits a zero fixed32
        return 2 + keyIdField + (2 + NonceSequence.NONCE_BYTES)
                + 1 + CodedOutputStream.computeUInt32SizeNoTag(ciphertext) + ciphertext;
    }

    /** Largest serialized envelope that still fits {@code maxFrameBytes} once sealed. */
    public int maxEnvelopeBytes() {
        return maxEnvelopeBytes;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /**
     * Bytes added to an envelope of {@link #maxEnvelopeBytes()}, the size MTU budgeting cares
     * about; smaller envelopes may cost one byte less (shorter length prefix).
     */
    @Override
    public int overheadBytes() {
        return sealedLength(maxEnvelopeBytes) - maxEnvelopeBytes;
    }

    /**
     * @throws IllegalArgumentException when the envelope does not fit {@link #maxEnvelopeBytes()}:
     *                                  the caller must budget its compound frames
     */
    @Override
    public byte[] encode(Envelope envelope) {
        byte[] plaintext = envelope.toByteArray();
        if (plaintext.length > maxEnvelopeBytes) {
            throw new IllegalArgumentException("envelope of " + plaintext.length + " B exceeds the "
                    + maxEnvelopeBytes + " B that fit a sealed frame of " + maxFrameBytes + " B");
        }
        MissionKey key = keyring.primary();
        byte[] nonce = nonces.next();
        byte[] ciphertext;
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(PROTOCOL_VERSION, key.keyId()));
            ciphertext = cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
        return SealedFrame.newBuilder()
                .setVersion(PROTOCOL_VERSION)
                .setKeyId(key.keyId())
                .setNonce(ByteString.copyFrom(nonce))
                .setCiphertext(ByteString.copyFrom(ciphertext))
                .build()
                .toByteArray();
    }

    @Override
    public Envelope decode(byte[] frame) throws FrameRejectedException {
        if (frame.length == 0) {
            throw new FrameRejectedException(Reason.TRUNCATED, "empty frame");
        }
        if (frame.length > maxFrameBytes) {
            throw new FrameRejectedException(Reason.OVERSIZED,
                    "frame of " + frame.length + " B exceeds " + maxFrameBytes + " B");
        }
        SealedFrame sealed;
        try {
            sealed = SealedFrame.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            if (WireScan.endsInsideField(frame)) {
                throw new FrameRejectedException(Reason.TRUNCATED, "sealed frame of " + frame.length + " B ends inside a field");
            }
            throw new FrameRejectedException(Reason.MALFORMED, "sealed frame is not valid protobuf: " + e.getMessage());
        }
        if (sealed.getVersion() != PROTOCOL_VERSION) {
            throw new FrameRejectedException(Reason.UNKNOWN_VERSION,
                    "sealed frame version " + Integer.toUnsignedString(sealed.getVersion())
                            + " (this node speaks " + PROTOCOL_VERSION + ")");
        }
        if (sealed.getNonce().isEmpty()) {
            // Cut right after the header: the fields that should follow are simply missing.
            throw new FrameRejectedException(Reason.TRUNCATED, "sealed frame ends before its nonce");
        }
        if (sealed.getNonce().size() != NonceSequence.NONCE_BYTES) {
            throw new FrameRejectedException(Reason.MALFORMED,
                    "nonce of " + sealed.getNonce().size() + " B, expected " + NonceSequence.NONCE_BYTES);
        }
        if (sealed.getCiphertext().size() < TAG_BYTES) {
            throw new FrameRejectedException(Reason.TRUNCATED,
                    "ciphertext of " + sealed.getCiphertext().size() + " B is shorter than the GCM tag");
        }
        MissionKey key = keyring.forKeyId(sealed.getKeyId()).orElseThrow(() -> new FrameRejectedException(
                Reason.UNKNOWN_KEY, "key id " + String.format("%08x", sealed.getKeyId()) + " is not in the keyring"));
        byte[] plaintext;
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key.secret(),
                    new GCMParameterSpec(TAG_BITS, sealed.getNonce().toByteArray()));
            cipher.updateAAD(associatedData(sealed.getVersion(), sealed.getKeyId()));
            plaintext = cipher.doFinal(sealed.getCiphertext().toByteArray());
        } catch (AEADBadTagException e) {
            throw new FrameRejectedException(Reason.AUTH_FAILED, "GCM tag mismatch under key " + key.keyIdHex());
        } catch (GeneralSecurityException e) {
            throw new FrameRejectedException(Reason.AUTH_FAILED, "cannot open frame: " + e.getMessage());
        }
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(plaintext);
        } catch (InvalidProtocolBufferException e) {
            // Authentic but unparsable: a peer bug, not an attack; still dropped.
            throw new FrameRejectedException(Reason.MALFORMED, "sealed envelope does not parse: " + e.getMessage());
        }
        if (envelope.getVersion() != PROTOCOL_VERSION) {
            throw new FrameRejectedException(Reason.UNKNOWN_VERSION, "envelope version "
                    + Integer.toUnsignedString(envelope.getVersion()) + " (this node speaks " + PROTOCOL_VERSION + ")");
        }
        if (envelope.getSenderId().isEmpty()) {
            throw new FrameRejectedException(Reason.MALFORMED, "envelope has no sender_id");
        }
        replayWindow.check(envelope.getSenderId(), envelope.getFrameSeq(), envelope.getSentAtMs());
        return envelope;
    }

    private static byte[] associatedData(int version, int keyId) {
        return ByteBuffer.allocate(8).putInt(version).putInt(keyId).array();
    }

    public Keyring keyring() {
        return keyring;
    }
}
