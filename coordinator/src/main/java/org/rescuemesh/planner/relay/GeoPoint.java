package org.rescuemesh.planner.relay;

/** A point on WGS 84 in decimal degrees. */
public record GeoPoint(double lat, double lon) {

    /** Mean Earth radius in metres, for the quick range filter only (not for link budgets). */
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    public GeoPoint {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude must be within -90..90, got " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("longitude must be within -180..180, got " + lon);
        }
    }

    /**
     * Great-circle distance in metres on a sphere (haversine). Good to ~0.5 %, which is all the
     * planner's range cut-off needs; propagation uses its own geodesic profile.
     */
    public double distanceM(GeoPoint other) {
        return distanceM(lat, lon, other.lat, other.lon);
    }

    static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
