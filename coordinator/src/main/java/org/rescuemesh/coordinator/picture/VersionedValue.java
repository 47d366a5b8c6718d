package org.rescuemesh.coordinator.picture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The layout of every value in the picture's IMaps and in the member databases:
 * {@code [version:8][counter:8][payload]}. The version orders two values of the same key
 * (observation time of a node, newest observation of a {@link TrackSegment}) so replay after a
 * restart and the split-brain merge can both keep the latest one without knowing the payload; the
 * counter is merged by maximum (a segment's point count; 0 for nodes and documents, whose rows
 * from versions with per-point track slots may still carry a track head there).
 */
public final class VersionedValue {

    static final int HEADER = 16;

    private VersionedValue() {
    }

    /** Reads and writes big-endian longs in place: no ByteBuffer per call on the ingest path. */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    public static byte[] encode(long version, long counter, byte[] payload) {
        byte[] out = new byte[HEADER + payload.length];
        LONG.set(out, 0, version);
        LONG.set(out, 8, counter);
        System.arraycopy(payload, 0, out, HEADER, payload.length);
        return out;
    }

    /** {@link #encode(long, long, byte[])} of a message's bytes, serialized straight after the header (no copy). */
    public static byte[] encode(long version, long counter, com.google.protobuf.MessageLite payload) {
        int size = payload.getSerializedSize();
        byte[] out = new byte[HEADER + size];
        LONG.set(out, 0, version);
        LONG.set(out, 8, counter);
        com.google.protobuf.CodedOutputStream body = com.google.protobuf.CodedOutputStream.newInstance(out, HEADER, size);
        try {
            payload.writeTo(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("protobuf message does not fit its own serialized size", e);
        }
        body.checkNoSpaceLeft();
        return out;
    }

    public static long version(byte[] value) {
        return (long) LONG.get(value, 0);
    }

    public static long counter(byte[] value) {
        return (long) LONG.get(value, 8);
    }

    public static byte[] payload(byte[] value) {
        return Arrays.copyOfRange(value, HEADER, value.length);
    }

    /** True when {@code value} is long enough to carry the header (anything else is foreign data). */
    public static boolean readable(byte[] value) {
        return value != null && value.length >= HEADER;
    }

    /**
     * The merge of two values of one key: the higher version wins (the existing one on a tie, so a
     * replay of an equal value is a no-op) and the counter is the maximum of both.
     */
    public static byte[] merge(byte[] existing, byte[] incoming) {
        if (!readable(existing)) {
            return incoming;
        }
        if (!readable(incoming)) {
            return existing;
        }
        long counter = Math.max(counter(existing), counter(incoming));
        byte[] winner = version(incoming) > version(existing) ? incoming : existing;
        if (counter(winner) == counter) {
            return winner;
        }
        return encode(version(winner), counter, payload(winner));
    }
}
