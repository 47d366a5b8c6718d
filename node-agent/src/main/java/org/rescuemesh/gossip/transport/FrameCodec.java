package org.rescuemesh.gossip.transport;

import org.rescuemesh.proto.v1.Envelope;

/**
 * Turns envelopes into datagrams and back. Implementations validate everything they decode:
 * a bad frame is a {@link FrameRejectedException}, never a crash.
 */
public interface FrameCodec {

    /** Wire protocol version this build speaks. */
    int PROTOCOL_VERSION = 1;

    byte[] encode(Envelope envelope);

    Envelope decode(byte[] frame) throws FrameRejectedException;

    /** Bytes the codec adds around the serialized envelope (for MTU budgeting). */
    int overheadBytes();
}
