package org.rescuemesh.planner.propagation;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import net.sf.geographiclib.GeodesicMask;

import org.rescuemesh.planner.terrain.ElevationGrid;

/**
 * Terrain heights at equal steps between two points of a DEM, for point-to-point predictions
 * made many times over (the relay planner's link and cell predictions). On a geographic DEM the
 * path is the WGS 84 geodesic, placed exactly by GeographicLib every {@value #KNOT_SAMPLES}
 * samples and linearly in between (the geodesic bends by well under a millimetre over such a
 * stretch), which is what makes it cheap: {@link ElevationGrid#profile} places every sample
 * exactly. On a projected DEM the path is the straight map line. Heights are bilinear.
 */
final class PathSampler {
    static final int KNOT_SAMPLES = 32;

    /** Heights and their spacing. */
    record SampledPath(double stepM, double[] elevations) {
    }

    private PathSampler() {
    }

    /**
     * Samples (x0, y0) → (x1, y1) (CRS coordinates) with a step of at most {@code maxStepM} and at
     * least 3 points; null when a sample falls outside the DEM or on a void.
     */
    static SampledPath sample(ElevationGrid grid, double x0, double y0, double x1, double y1, double maxStepM) {
        boolean geographic = grid.crs().isGeographic();
        GeodesicLine line = null;
        double length;
        if (geographic) {
            line = Geodesic.WGS84.InverseLine(y0, x0, y1, x1,
                    GeodesicMask.DISTANCE_IN | GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE);
            length = line.Distance();
        } else {
            length = Math.hypot(x1 - x0, y1 - y0);
        }
        int n = (int) Math.max(2, Math.ceil(length / maxStepM));
        double[] z = new double[n + 1];
        if (geographic) {
            double ax = x0;
            double ay = y0;
            for (int k = 0; k < n; k += KNOT_SAMPLES) {
                int k1 = Math.min(k + KNOT_SAMPLES, n);
                GeodesicData b = line.Position(length * k1 / n);
                double bx = b.lon2;
                while (bx - ax > 180) {
                    bx -= 360;
                }
                while (bx - ax < -180) {
                    bx += 360;
                }
                for (int j = k; j < k1 || (j == k1 && k1 == n); j++) {
                    double f = (double) (j - k) / (k1 - k);
                    double e = grid.elevationAt(ax + (bx - ax) * f, ay + (b.lat2 - ay) * f);
                    if (Double.isNaN(e)) {
                        return null;
                    }
                    z[j] = e;
                }
                ax = bx;
                ay = b.lat2;
            }
        } else {
            for (int j = 0; j <= n; j++) {
                double f = (double) j / n;
                double e = grid.elevationAt(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
                if (Double.isNaN(e)) {
                    return null;
                }
                z[j] = e;
            }
        }
        return new SampledPath(length / n, z);
    }
}
