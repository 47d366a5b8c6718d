package org.rescuemesh.gossip;

import com.google.protobuf.CodedOutputStream;
import org.rescuemesh.proto.v1.Envelope;
import org.rescuemesh.proto.v1.GossipMessage;

/**
 * Exact byte accounting for packing messages into one Envelope that must fit the datagram
 * budget. Sizes come from protobuf's own size computation (memoised per message), so a frame
 * built within the budget never exceeds it once serialized.
 */
public final class FrameBudget {

    private FrameBudget() {
    }

    /** Bytes a message adds to an Envelope (field 5 tag + length prefix + body). */
    public static int messageBytes(GossipMessage message) {
        return CodedOutputStream.computeMessageSize(Envelope.MESSAGES_FIELD_NUMBER, message);
    }

    /**
     * Upper bound of the Envelope's own fields (version, sender id, and frame counter and send
     * time at their widest varints), so the remaining budget is safe whatever their values.
     */
    public static int envelopeHeaderBytes(String senderId) {
        return CodedOutputStream.computeUInt32Size(Envelope.VERSION_FIELD_NUMBER, 1)
                + CodedOutputStream.computeStringSize(Envelope.SENDER_ID_FIELD_NUMBER, senderId)
                + 1 + 10   // frame_seq: tag + widest uint64 varint
                + 1 + 10;  // sent_at_ms: tag + widest int64 varint
    }
}
