package org.rescuemesh.agent.position;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Conversions shared by the position sources. */
final class GeoPositions {

    private GeoPositions() {
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static boolean validLatLon(double lat, double lon) {
        return Double.isFinite(lat) && Double.isFinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }

    /** Course normalised to [0, 360). */
    static double normaliseHeading(double degrees) {
        double h = degrees % 360.0;
        return h < 0 ? h + 360.0 : h;
    }
}
