package org.rescuemesh.agent.link;

import com.google.protobuf.ByteString;
import java.util.Locale;

/**
 * An EUI-48 hardware address, the key batctl and iw use for neighbours. Written lower case with
 * colons ({@code 02:ba:7a:df:00:01}); read also with dashes or upper case. Gossiped as 6 raw
 * bytes ({@code NodeState.mesh_macs}).
 */
public record MacAddress(long bits) implements Comparable<MacAddress> {

    public static final int BYTES = 6;

    public MacAddress {
        if (bits < 0 || bits > 0xFFFF_FFFF_FFFFL) {
            throw new IllegalArgumentException("a MAC address has 48 bits");
        }
    }

    /**
     * Parses {@code aa:bb:cc:dd:ee:ff} or {@code aa-bb-cc-dd-ee-ff} (either case).
     *
     * @throws IllegalArgumentException with the offending text when it is not a MAC address
     */
    public static MacAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() != 17) {
            throw new IllegalArgumentException("not a MAC address (want aa:bb:cc:dd:ee:ff): '" + text + "'");
        }
        long bits = 0;
        for (int i = 0; i < BYTES; i++) {
            int at = i * 3;
            if (i > 0 && t.charAt(at - 1) != ':' && t.charAt(at - 1) != '-') {
                throw new IllegalArgumentException("not a MAC address (want aa:bb:cc:dd:ee:ff): '" + text + "'");
            }
            int hi = Character.digit(t.charAt(at), 16);
            int lo = Character.digit(t.charAt(at + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a MAC address (want aa:bb:cc:dd:ee:ff): '" + text + "'");
            }
            bits = bits << 8 | hi << 4 | lo;
        }
        return new MacAddress(bits);
    }

    /** From raw bytes (a gossiped {@code mesh_macs} entry, {@code NetworkInterface#getHardwareAddress}). */
    public static MacAddress of(byte[] raw) {
        if (raw == null || raw.length != BYTES) {
            throw new IllegalArgumentException("a MAC address is 6 bytes, got " + (raw == null ? "none" : raw.length));
        }
        long bits = 0;
        for (byte b : raw) {
            bits = bits << 8 | (b & 0xFF);
        }
        return new MacAddress(bits);
    }

    public static MacAddress of(ByteString raw) {
        return of(raw.toByteArray());
    }

    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            out[i] = (byte) (bits >>> (8 * (BYTES - 1 - i)));
        }
        return out;
    }

    public ByteString toByteString() {
        return ByteString.copyFrom(toBytes());
    }

    /** All-zero addresses (some virtual interfaces) identify nothing. */
    public boolean isZero() {
        return bits == 0;
    }

    /** Group (multicast/broadcast) addresses never name one station. */
    public boolean isMulticast() {
        return (bits >>> 40 & 1) == 1;
    }

    @Override
    public int compareTo(MacAddress other) {
        return Long.compare(bits, other.bits);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        byte[] raw = toBytes();
        for (int i = 0; i < raw.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format(Locale.ROOT, "%02x", raw[i] & 0xFF));
        }
        return sb.toString();
    }
}
