package org.rescuemesh.agent.relay;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.rescuemesh.proto.v1.RelayMessage;
import org.rescuemesh.proto.v1.RelayReceipt;

/**
 * One record body of the message journal (docs/messages.md). The framing (length, CRC) is the
 * journal's; this is what is inside: a message as it was stored, or a receipt learned about one.
 */
public sealed interface JournalEntry {

    byte MESSAGE = 1;
    byte RECEIPT = 2;

    /** A message stored here: accepted from the local API ({@code origin}) or handed over by a member. */
    record Stored(RelayMessage message, boolean origin, boolean inbound, String receivedFrom, long receivedAtMs)
            implements JournalEntry {
        @Override
        public byte[] encode() {
            byte[] from = receivedFrom.getBytes(StandardCharsets.UTF_8);
            byte[] body = message.toByteArray();
            ByteBuffer b = ByteBuffer.allocate(1 + 1 + 8 + 2 + from.length + body.length);
            b.put(MESSAGE).put((byte) ((origin ? 1 : 0) | (inbound ? 2 : 0))).putLong(receivedAtMs)
                    .putShort((short) from.length).put(from).put(body);
            return b.array();
        }
    }

    /** A receipt about a stored message. */
    record Receipt(RelayReceipt receipt) implements JournalEntry {
        @Override
        public byte[] encode() {
            byte[] body = receipt.toByteArray();
            return ByteBuffer.allocate(1 + body.length).put(RECEIPT).put(body).array();
        }
    }

    byte[] encode();

    /** @throws IllegalArgumentException when the body is not a record of a known type */
    static JournalEntry decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte type = b.get();
            if (type == MESSAGE) {
                int flags = b.get();
                long at = b.getLong();
                byte[] from = new byte[Short.toUnsignedInt(b.getShort())];
                b.get(from);
                RelayMessage m = RelayMessage.parseFrom(b);
                return new Stored(m, (flags & 1) != 0, (flags & 2) != 0, new String(from, StandardCharsets.UTF_8), at);
            }
            if (type == RECEIPT) {
                return new Receipt(RelayReceipt.parseFrom(b));
            }
            throw new IllegalArgumentException("unknown journal record type " + type);
        } catch (InvalidProtocolBufferException | java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("unreadable journal record: " + e.getMessage(), e);
        }
    }
}
