package org.rescuemesh.gossip.transport;

import com.google.protobuf.InvalidProtocolBufferException;
import org.rescuemesh.proto.v1.Envelope;

/** Unencrypted frames: the serialized Envelope as is. For tests and trusted labs only. */
public final class PlainFrameCodec implements FrameCodec {

    private final int maxFrameBytes;

    public PlainFrameCodec(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public byte[] encode(Envelope envelope) {
        return envelope.toByteArray();
    }

    @Override
    public Envelope decode(byte[] frame) throws FrameRejectedException {
        if (frame.length == 0) {
            throw new FrameRejectedException(FrameRejectedException.Reason.TRUNCATED, "empty frame");
        }
        if (frame.length > maxFrameBytes) {
            throw new FrameRejectedException(FrameRejectedException.Reason.OVERSIZED,
                    "frame of " + frame.length + " B exceeds " + maxFrameBytes + " B");
        }
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            throw new FrameRejectedException(FrameRejectedException.Reason.MALFORMED, e.getMessage());
        }
        if (envelope.getVersion() != PROTOCOL_VERSION) {
            throw new FrameRejectedException(FrameRejectedException.Reason.UNKNOWN_VERSION,
                    "protocol version " + envelope.getVersion() + " (this node speaks " + PROTOCOL_VERSION + ")");
        }
        return envelope;
    }

    @Override
    public int overheadBytes() {
        return 0;
    }
}
