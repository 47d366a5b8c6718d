package org.rescuemesh.planner.propagation;

import org.rescuemesh.planner.terrain.ElevationGrid;

/**
 * The rays of {@link RayRule#SPLAT_1_4}: SPLAT! 1.4.2's geometry, inferred from the points its
 * {@code -ano} output lists (latitude, longitude, azimuth per computed point, in computing
 * order) — not from its source. What the output shows, on a 3″ tile with the transmitter in
 * the middle:
 * <ul>
 * <li>the azimuths walk the tile's outermost cell centres: north edge east to west, east edge
 *     north to south, south edge east to west, west edge south to north, each edge starting one
 *     cell past its first corner (the north-east corner itself is never a destination);</li>
 * <li>consecutive points of a ray are a constant great-circle distance apart on a sphere of
 *     3,959 miles: the distance to the destination divided by the pixel-space length of the ray,
 *     hypot(Δlat/pixel, Δlon/pixel) with longitude pixels not scaled by cos φ;</li>
 * <li>the last point of a ray is the last whose distance is within the radius;</li>
 * <li>a point is listed only when no earlier point (of this or an earlier ray) rounds to the
 *     same cell, and a ray's first sample after the transmitter is never listed, so it does not
 *     claim its cell.</li>
 * </ul>
 * Heights are those of the cell a sample rounds to (SPLAT! reads its grid without
 * interpolation), and the value listed for sample k is ITM over samples 0..k−1 (see
 * {@code docs/bench/coverage.md}).
 */
final class SplatRays {
    static final double EARTH_RADIUS_MILES = 3959.0;
    static final double METRES_PER_MILE = 1609.344;

    private final ElevationGrid grid;
    private final double txLat;
    private final double txLon;
    private final double radiusMiles;

    SplatRays(ElevationGrid grid, double txLon, double txLat, double radiusM) {
        this.grid = grid;
        this.txLat = txLat;
        this.txLon = txLon;
        this.radiusMiles = radiusM / METRES_PER_MILE;
    }

    /** The destination cells, {col, row} pairs, in SPLAT!'s order over the DEM's outermost cell centres. */
    static int[] destinations(int width, int height) {
        int[] ends = new int[2 * (2 * (width - 1) + 2 * (height - 1))];
        int n = 0;
        for (int i = 1; i < width; i++) {
            ends[n++] = width - 1 - i;
            ends[n++] = 0;
        }
        for (int i = 1; i < height; i++) {
            ends[n++] = width - 1;
            ends[n++] = i;
        }
        for (int i = 1; i < width; i++) {
            ends[n++] = width - 1 - i;
            ends[n++] = height - 1;
        }
        for (int i = 1; i < height; i++) {
            ends[n++] = 0;
            ends[n++] = height - 1 - i;
        }
        return ends;
    }

    /**
     * One ray: its spacing in metres, the heights of samples 0.. up to the radius (cut at the
     * first void or the DEM edge), and per sample the window cell it rounds to (−1 outside the
     * window; sample 0, the transmitter, serves no cell).
     */
    RadialSweep.RaySamples ray(int endCol, int endRow, int col0, int row0, int width, int height) {
        double endLon = grid.cellCenterX(endCol, endRow);
        double endLat = grid.cellCenterY(endCol, endRow);
        double phi1 = Math.toRadians(txLat);
        double phi2 = Math.toRadians(endLat);
        double dLambda = Math.toRadians(endLon - txLon);
        double cosDelta = Math.sin(phi1) * Math.sin(phi2) + Math.cos(phi1) * Math.cos(phi2) * Math.cos(dLambda);
        double totalMiles = EARTH_RADIUS_MILES * Math.acos(Math.min(1.0, Math.max(-1.0, cosDelta)));
        double pixels = Math.hypot((endLat - txLat) / grid.transform().pixelHeight(),
                (endLon - txLon) / grid.transform().pixelWidth());
        if (!(pixels > 0) || !(totalMiles > 0)) {
            return new RadialSweep.RaySamples(1.0, new double[0], new int[0], null);
        }
        double stepMiles = totalMiles / pixels;
        double azimuth = Math.atan2(Math.sin(dLambda) * Math.cos(phi2),
                Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda));
        int kept = (int) Math.floor(radiusMiles / stepMiles);
        while ((kept + 1) * stepMiles <= radiusMiles) {
            kept++;
        }
        while (kept > 0 && kept * stepMiles > radiusMiles) {
            kept--;
        }
        double[] z = new double[kept + 1];
        int[] cells = new int[kept + 1];
        double sinPhi1 = Math.sin(phi1);
        double cosPhi1 = Math.cos(phi1);
        double sinAz = Math.sin(azimuth);
        double cosAz = Math.cos(azimuth);
        int valid = kept + 1;
        for (int k = 0; k <= kept; k++) {
            double lat;
            double lon;
            if (k == 0) {
                lat = txLat;
                lon = txLon;
            } else {
                double delta = k * stepMiles / EARTH_RADIUS_MILES;
                double sinDelta = Math.sin(delta);
                double cosD = Math.cos(delta);
                double sinLat = sinPhi1 * cosD + cosPhi1 * sinDelta * cosAz;
                double latR = Math.asin(sinLat);
                lat = Math.toDegrees(latR);
                lon = txLon + Math.toDegrees(Math.atan2(sinAz * sinDelta * cosPhi1, cosD - sinPhi1 * sinLat));
            }
            // the cell whose centre is nearest, as SPLAT! rounds a position onto its grid
            int col = (int) Math.rint(grid.transform().col(lon, lat) - 0.5);
            int row = (int) Math.rint(grid.transform().row(lon, lat) - 0.5);
            if (col < 0 || row < 0 || col >= grid.width() || row >= grid.height()) {
                valid = k;
                break;
            }
            float h = grid.get(col, row);
            if (grid.isNoData(h)) {
                valid = k;
                break;
            }
            z[k] = h;
            int c = col - col0;
            int r = row - row0;
            cells[k] = k == 0 || c < 0 || r < 0 || c >= width || r >= height ? -1 : r * width + c;
        }
        if (valid < z.length) {
            z = java.util.Arrays.copyOf(z, valid);
            cells = java.util.Arrays.copyOf(cells, valid);
        }
        return new RadialSweep.RaySamples(stepMiles * METRES_PER_MILE, z, cells, null);
    }
}
