package org.rescuemesh.coordinator.interop.tak;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rescuemesh.tak.v1.CotEvent;
import org.rescuemesh.tak.v1.TakMessage;

/**
 * One TAK stream connection's inbound bytes, as they arrive in arbitrary pieces: Cursor-on-Target
 * XML events back to back, and — once the client asked for TAK protocol 1 and was told yes —
 * protocol 1 frames (0xBF, varint length, {@link TakMessage}). Sans-I/O: {@link #feed} returns
 * what the bytes completed; the adapter answers a protocol request and calls {@link
 * #protocolAccepted}. A bad event is reported and skipped; the stream goes on.
 */
public final class CotStreamDecoder {

    /** Largest event or frame accepted; a position report is well under 2 KiB. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    static final int MAGIC = 0xBF;
    /** Bytes waited for before an event starts (prolog, whitespace) before they count as junk. */
    private static final int MAX_GAP_BYTES = 4096;
    private static final byte[] EVENT_OPEN = "<event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_CLOSE = "</event>".getBytes(StandardCharsets.US_ASCII);

    /** What a piece of the stream completed. */
    public sealed interface Item {
    }

    /** A readable event (XML or protocol 1). */
    public record Event(CotEvent event) implements Item {
    }

    /** The client asks to switch to TAK protocol {@code version}. */
    public record ProtocolRequest(int version) implements Item {
    }

    /** Bytes that were skipped, and why. */
    public record Rejected(String reason) implements Item {
    }

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean protobuf;

    /** Appends {@code bytes} and returns every item they complete, in stream order. */
    public List<Item> feed(byte[] bytes) {
        pending.write(bytes, 0, bytes.length);
        byte[] buf = pending.toByteArray();
        int at = 0;
        List<Item> out = new ArrayList<>();
        while (true) {
            int used = protobuf ? nextFrame(buf, at, out) : nextXml(buf, at, out);
            at += used;
            // after a protocol request the encoding of what follows depends on the answer
            if (used == 0 || !out.isEmpty() && out.get(out.size() - 1) instanceof ProtocolRequest) {
                break;
            }
        }
        pending.reset();
        pending.write(buf, at, buf.length - at);
        return out;
    }

    /**
     * From now on the stream carries protocol 1 frames (after answering a request with yes).
     * Returns what bytes already received after the request complete.
     */
    public List<Item> protocolAccepted() {
        protobuf = true;
        return feed(new byte[0]);
    }

    /** Goes on in XML after a request that was answered no; returns what the bytes complete. */
    public List<Item> protocolRefused() {
        return feed(new byte[0]);
    }

    public boolean speaksProtocol1() {
        return protobuf;
    }

    /** Consumes one XML event (or junk before one) at {@code at}; 0 when more bytes are needed. */
    private int nextXml(byte[] buf, int at, List<Item> out) {
        int open = indexOf(buf, EVENT_OPEN, at);
        if (open < 0) {
            // wait for "<event" a while (a prolog or whitespace may precede it), then drop the bytes
            int waiting = buf.length - at;
            if (waiting <= MAX_GAP_BYTES) {
                return 0;
            }
            int drop = waiting - (EVENT_OPEN.length - 1);
            reportJunk(buf, at, at + drop, out);
            return drop;
        }
        if (open > at) {
            reportJunk(buf, at, open, out);
            return open - at;
        }
        int close = indexOf(buf, EVENT_CLOSE, open);
        if (close < 0) {
            if (buf.length - open > MAX_MESSAGE_BYTES) {
                out.add(new Rejected("event over " + MAX_MESSAGE_BYTES + " bytes without </event>: skipped"));
                return open + EVENT_OPEN.length - at;
            }
            return 0;
        }
        int end = close + EVENT_CLOSE.length;
        if (end - open > MAX_MESSAGE_BYTES) {
            out.add(new Rejected("event over " + MAX_MESSAGE_BYTES + " bytes: skipped"));
            return end - at;
        }
        try {
            CotXml.Parsed p = CotXml.read(Arrays.copyOfRange(buf, open, end));
            if (p.takProtocolRequested().isPresent()) {
                out.add(new ProtocolRequest(p.takProtocolRequested().getAsInt()));
                return end - at;
            }
            out.add(new Event(p.event()));
        } catch (CotException e) {
            out.add(new Rejected(e.getMessage()));
        }
        return end - at;
    }

    /** Consumes one protocol 1 frame at {@code at}; 0 when more bytes are needed. */
    private int nextFrame(byte[] buf, int at, List<Item> out) {
        if (at >= buf.length) {
            return 0;
        }
        if ((buf[at] & 0xFF) != MAGIC) {
            // lost framing: resynchronise on the next magic byte
            int next = at + 1;
            while (next < buf.length && (buf[next] & 0xFF) != MAGIC) {
                next++;
            }
            out.add(new Rejected("skipped " + (next - at) + " bytes without the 0xBF frame marker"));
            return next - at;
        }
        long length = 0;
        int shift = 0;
        int p = at + 1;
        while (true) {
            if (p >= buf.length) {
                return 0;
            }
            int b = buf[p++] & 0xFF;
            length |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                out.add(new Rejected("frame length varint too long"));
                return p - at;
            }
        }
        if (length > MAX_MESSAGE_BYTES) {
            out.add(new Rejected("frame of " + length + " bytes over " + MAX_MESSAGE_BYTES + ": skipped"));
            // skip the marker only: the next 0xBF resynchronises
            return 1;
        }
        if (buf.length - p < length) {
            return 0;
        }
        try {
            TakMessage m = TakMessage.parseFrom(Arrays.copyOfRange(buf, p, p + (int) length));
            if (m.hasCotEvent()) {
                out.add(new Event(m.getCotEvent()));
            }
        } catch (InvalidProtocolBufferException e) {
            out.add(new Rejected("not a TakMessage: " + e.getMessage()));
        }
        return p + (int) length - at;
    }

    private static int indexOf(byte[] buf, byte[] what, int from) {
        outer:
        for (int i = from; i <= buf.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (buf[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whitespace and XML prologs between events are normal; anything else is reported. */
    private static void reportJunk(byte[] buf, int from, int to, List<Item> out) {
        String s = new String(buf, from, to - from, StandardCharsets.UTF_8).replaceAll("<\\?xml[^>]*\\?>", "").strip();
        if (!s.isEmpty()) {
            out.add(new Rejected("skipped " + (to - from) + " bytes that are not a CoT event"));
        }
    }

    /** Frames a message for a protocol 1 stream: the marker, then protobuf's own varint-delimited form. */
    public static byte[] frame(TakMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.getSerializedSize() + 6);
        out.write(MAGIC);
        try {
            message.writeDelimitedTo(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a byte array cannot fail", e);
        }
        return out.toByteArray();
    }
}
