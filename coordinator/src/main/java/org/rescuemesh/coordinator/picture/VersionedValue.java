package org.rescuemesh.coordinator.picture;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The layout of every value in the picture's IMaps and in the member databases:
 * {@code [version:8][counter:8][payload]}. The version orders two values of the same key
 * (observation time of a node, sequence number of a track point) so replay after a restart and
 * the split-brain merge can both keep the latest one without knowing the payload; the counter
 * is a monotonic per-key count (a node's track head) that is merged by maximum.
 */
public final class VersionedValue {

    static final int HEADER = 16;

    private VersionedValue() {
    }

    public static byte[] encode(long version, long counter, byte[] payload) {
        return ByteBuffer.allocate(HEADER + payload.length).putLong(version).putLong(counter).put(payload).array();
    }

    public static long version(byte[] value) {
        return ByteBuffer.wrap(value).getLong(0);
    }

    public static long counter(byte[] value) {
        return ByteBuffer.wrap(value).getLong(8);
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
