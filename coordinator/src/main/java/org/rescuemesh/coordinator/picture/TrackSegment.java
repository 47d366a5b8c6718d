package org.rescuemesh.coordinator.picture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Track points of several nodes of one partition, written together and never changed: the value
 * of an entry of {@link PictureMaps#TRACK_SEGMENTS}. One segment replaces what used to be one
 * map entry (and one database row) per point.
 *
 * <p>Value layout: the {@link VersionedValue} header (version = newest observation time in the
 * segment, counter = number of points), then per point {@code [idLength:2][node id, UTF-8]
 * [observedMs:8][positionLength:4][GeoPosition bytes]}. Two values under one key are always
 * equal (keys are unique per write), so the version only keeps replay and merge well-defined.
 */
public final class TrackSegment {

    /** One point: node, observation time and the serialized {@code GeoPosition}. */
    public record Point(String nodeId, long observedMs, byte[] position) {
    }

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final int MAX_ID_BYTES = 0xFFFF;

    private TrackSegment() {
    }

    /**
     * Builds a segment value point by point. The caller knows the sizes up front (node id bytes
     * and position messages), so the value is written once into an array of the right size.
     */
    public static final class Builder {
        private final List<byte[]> ids = new ArrayList<>();
        private long[] times = new long[16];
        private final List<Object> positions = new ArrayList<>();
        private int bytes = VersionedValue.HEADER;
        private long newest = Long.MIN_VALUE;

        /** Adds a point whose position is a message (serialized straight into the value). */
        public Builder add(byte[] nodeIdUtf8, long observedMs, com.google.protobuf.MessageLite position) {
            return add(nodeIdUtf8, observedMs, position, position.getSerializedSize());
        }

        /** Adds a point whose position is already serialized. */
        public Builder add(byte[] nodeIdUtf8, long observedMs, byte[] position) {
            return add(nodeIdUtf8, observedMs, position, position.length);
        }

        private Builder add(byte[] id, long observedMs, Object position, int positionBytes) {
            if (id.length > MAX_ID_BYTES) {
                throw new IllegalArgumentException("node id longer than " + MAX_ID_BYTES + " bytes");
            }
            if (ids.size() == times.length) {
                times = Arrays.copyOf(times, times.length * 2);
            }
            times[ids.size()] = observedMs;
            ids.add(id);
            positions.add(position);
            bytes += 2 + id.length + 8 + 4 + positionBytes;
            newest = Math.max(newest, observedMs);
            return this;
        }

        public int points() {
            return ids.size();
        }

        public byte[] encode() {
            byte[] out = new byte[bytes];
            LONG.set(out, 0, newest);
            LONG.set(out, 8, (long) ids.size());
            int at = VersionedValue.HEADER;
            for (int i = 0; i < ids.size(); i++) {
                byte[] id = ids.get(i);
                SHORT.set(out, at, (short) id.length);
                System.arraycopy(id, 0, out, at + 2, id.length);
                at += 2 + id.length;
                LONG.set(out, at, times[i]);
                at += 8;
                Object p = positions.get(i);
                if (p instanceof byte[] b) {
                    INT.set(out, at, b.length);
                    System.arraycopy(b, 0, out, at + 4, b.length);
                    at += 4 + b.length;
                } else {
                    com.google.protobuf.MessageLite m = (com.google.protobuf.MessageLite) p;
                    int size = m.getSerializedSize();
                    INT.set(out, at, size);
                    com.google.protobuf.CodedOutputStream body = com.google.protobuf.CodedOutputStream.newInstance(out, at + 4, size);
                    try {
                        m.writeTo(body);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("protobuf message does not fit its own serialized size", e);
                    }
                    at += 4 + size;
                }
            }
            if (at != out.length) {
                throw new IllegalStateException("segment size mismatch: " + at + " of " + out.length);
            }
            return out;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of points of a segment value (from its header). */
    public static long points(byte[] value) {
        return VersionedValue.counter(value);
    }

    /** Every point of a segment value, in the order written; a value that is not a segment gives none. */
    public static List<Point> decode(byte[] value) {
        List<Point> out = new ArrayList<>();
        forEach(value, null, out);
        return out;
    }

    /** The points of {@code nodeId} in a segment value. */
    public static List<Point> pointsOf(byte[] value, String nodeId) {
        List<Point> out = new ArrayList<>();
        forEach(value, nodeId.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /** Adds the points of {@code value} (only those of node {@code idUtf8} when not null) to {@code out}. */
    static void forEach(byte[] value, byte[] idUtf8, List<Point> out) {
        if (!VersionedValue.readable(value)) {
            return;
        }
        int at = VersionedValue.HEADER;
        while (at + 2 <= value.length) {
            int idLength = Short.toUnsignedInt((short) SHORT.get(value, at));
            int idAt = at + 2;
            int timeAt = idAt + idLength;
            if (timeAt + 12 > value.length) {
                return;
            }
            long observed = (long) LONG.get(value, timeAt);
            int positionLength = (int) INT.get(value, timeAt + 8);
            int positionAt = timeAt + 12;
            if (positionLength < 0 || positionAt + positionLength > value.length) {
                return;
            }
            if (idUtf8 == null || Arrays.equals(value, idAt, timeAt, idUtf8, 0, idUtf8.length)) {
                out.add(new Point(new String(value, idAt, idLength, StandardCharsets.UTF_8), observed,
                        Arrays.copyOfRange(value, positionAt, positionAt + positionLength)));
            }
            at = positionAt + positionLength;
        }
    }
}
