package org.rescuemesh.agent.cli;

import com.google.protobuf.util.Timestamps;
import java.util.function.Supplier;
import org.rescuemesh.proto.v1.GeoPosition;

/** Parses the {@code --position} flag into a position supplier. */
final class PositionSpec {

    private PositionSpec() {
    }

    static Supplier<GeoPosition> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return () -> null;
        }
        if (spec.startsWith("static:")) {
            String[] parts = spec.substring("static:".length()).split(",");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("--position static:LAT,LON[,ALT_M], got '" + spec + "'");
            }
            double lat = number(parts[0], "latitude");
            double lon = number(parts[1], "longitude");
            if (lat < -90 || lat > 90) {
                throw new IllegalArgumentException("latitude " + lat + " outside -90..90");
            }
            if (lon < -180 || lon > 180) {
                throw new IllegalArgumentException("longitude " + lon + " outside -180..180");
            }
            GeoPosition.Builder b = GeoPosition.newBuilder().setLatDeg(lat).setLonDeg(lon).setSource("static");
            if (parts.length == 3) {
                b.setAltM(number(parts[2], "altitude")).setAltKnown(true);
            }
            GeoPosition fixed = b.build();
            return () -> fixed.toBuilder().setObservedAt(Timestamps.fromMillis(System.currentTimeMillis())).build();
        }
        throw new IllegalArgumentException("unknown position source '" + spec + "'; expected static:LAT,LON[,ALT_M]");
    }

    private static double number(String s, String what) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a finite number");
        }
    }
}
