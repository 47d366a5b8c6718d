package org.rescuemesh.coordinator.interop.meshtastic;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rescuemesh.meshtastic.v2.FromRadio;
import org.rescuemesh.meshtastic.v2.ToRadio;

/**
 * The bytes a Meshtastic radio's client API sends, as they arrive in arbitrary pieces: frames of
 * 0x94 0xC3, a 16-bit big-endian length and a {@link FromRadio} (the other way, {@link ToRadio}s
 * in the same framing: {@code M} is what the frames carry). Over USB serial the firmware
 * also prints its debug log between frames, so anything before a start marker is skipped, not an
 * error. A frame whose length is above the firmware's limit is a false start (log text that
 * happened to contain 0x94 0xC3): the decoder resynchronises one byte further. A frame that does
 * not parse is reported and skipped; the stream goes on. Sans-I/O: {@link #feed} returns what
 * the bytes completed.
 */
public final class RadioStreamDecoder<M extends MessageLite> {

    static final int START1 = 0x94;
    static final int START2 = 0xC3;
    /** The firmware's largest API message (its MAX_TO_FROM_RADIO_SIZE). */
    public static final int MAX_FRAME_BYTES = 512;
    private static final int HEADER_BYTES = 4;

    /** What a piece of the stream completed. */
    public sealed interface Item {
    }

    /** A readable message. */
    public record Message<M>(M message) implements Item {
    }

    /** A frame that was skipped, and why. */
    public record Rejected(String reason) implements Item {
    }

    // the unconsumed tail; never longer than one frame plus its header (junk is dropped as scanned)
    private byte[] pending = new byte[0];
    private long skippedBytes;
    private final Parser<M> parser;

    /** Reads frames of {@code parser}'s messages, e.g. {@code FromRadio.parser()} on the coordinator's side. */
    public RadioStreamDecoder(Parser<M> parser) {
        this.parser = parser;
    }

    /** What a radio sends: {@link FromRadio}. */
    public static RadioStreamDecoder<FromRadio> fromRadio() {
        return new RadioStreamDecoder<>(FromRadio.parser());
    }

    /** Appends {@code bytes} and returns every item they complete, in stream order. */
    public List<Item> feed(byte[] bytes) {
        byte[] buf = pending.length == 0 ? bytes : concat(pending, bytes);
        List<Item> out = new ArrayList<>();
        int at = 0;
        while (true) {
            int start = findStart(buf, at);
            skippedBytes += start - at;
            at = start;
            if (buf.length - at < HEADER_BYTES) {
                break;
            }
            int length = (buf[at + 2] & 0xff) << 8 | buf[at + 3] & 0xff;
            if (length > MAX_FRAME_BYTES) {
                skippedBytes++;
                at++; // not a frame after all: look for the next marker
                continue;
            }
            if (buf.length - at - HEADER_BYTES < length) {
                break; // the rest of the frame is still on its way
            }
            try {
                out.add(new Message<>(parser.parseFrom(Arrays.copyOfRange(buf, at + HEADER_BYTES, at + HEADER_BYTES + length))));
            } catch (InvalidProtocolBufferException e) {
                out.add(new Rejected("unreadable frame of " + length + " bytes: " + e.getMessage()));
            }
            at += HEADER_BYTES + length;
        }
        pending = Arrays.copyOfRange(buf, at, buf.length);
        return out;
    }

    /**
     * Index of the next start marker at or after {@code from}; a lone 0x94 at the very end is kept
     * (its second byte may be in the next piece), other bytes up to there are junk.
     */
    private static int findStart(byte[] buf, int from) {
        for (int i = from; i < buf.length; i++) {
            if ((buf[i] & 0xff) == START1 && (i + 1 == buf.length || (buf[i + 1] & 0xff) == START2)) {
                return i;
            }
        }
        return buf.length;
    }

    /** Bytes skipped so far because they were not inside a frame (debug log, noise, false starts). */
    public long skippedBytes() {
        return skippedBytes;
    }

    /** One message (a {@link ToRadio} to the radio, a {@link FromRadio} from it), framed. */
    public static byte[] frame(MessageLite message) {
        byte[] body = message.toByteArray();
        if (body.length > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("message of " + body.length + " bytes is above the radio's " + MAX_FRAME_BYTES);
        }
        byte[] framed = new byte[HEADER_BYTES + body.length];
        framed[0] = (byte) START1;
        framed[1] = (byte) START2;
        framed[2] = (byte) (body.length >>> 8);
        framed[3] = (byte) body.length;
        System.arraycopy(body, 0, framed, HEADER_BYTES, body.length);
        return framed;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
