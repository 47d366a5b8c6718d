package org.rescuemesh.gossip.wire;

/**
 * Walks the top-level fields of a protobuf message only to tell a truncated frame (the bytes stop
 * inside a field) from a malformed one, so the drop counters say which it was.
 */
final class WireScan {

    private WireScan() {
    }

    static boolean endsInsideField(byte[] bytes) {
        int[] pos = {0};
        while (pos[0] < bytes.length) {
            long tag = readVarint(bytes, pos);
            if (tag < 0) {
                return true;
            }
            int wireType = (int) (tag & 7);
            switch (wireType) {
                case 0 -> {
                    if (readVarint(bytes, pos) < 0) {
                        return true;
                    }
                }
                case 1 -> pos[0] += 8;
                case 2 -> {
                    long len = readVarint(bytes, pos);
                    if (len < 0) {
                        return true;
                    }
                    if (len > bytes.length - pos[0]) {
                        return true;
                    }
                    pos[0] += (int) len;
                }
                case 5 -> pos[0] += 4;
                default -> {
                    return false;
                }
            }
            if (pos[0] > bytes.length) {
                return true;
            }
        }
        return false;
    }

    /** @return the varint value, or -1 when the bytes end inside it; advances pos[0] */
    private static long readVarint(byte[] bytes, int[] pos) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= bytes.length) {
                return -1;
            }
            byte b = bytes[pos[0]++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value & Long.MAX_VALUE;
            }
        }
        // Over-long varint: malformed rather than truncated; report "not inside a field".
        return 0;
    }
}
