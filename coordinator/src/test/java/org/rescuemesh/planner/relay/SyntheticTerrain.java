package org.rescuemesh.planner.relay;

/**
 * Bench/test terrain: a seeded ridged multi-octave value noise (ridges, valleys, 0–~900 m)
 * sampled once into a float grid in a local metric frame around a centre (x east, y north in
 * metres, equirectangular), read back bilinearly like a DEM.
 */
final class SyntheticTerrain implements HeightFunction {

    final double centreLat;
    final double centreLon;
    final double cellM;
    final int size;
    final double halfExtentM;
    private final float[] heights;
    private final double metresPerDegLat;
    private final double metresPerDegLon;

    SyntheticTerrain(double centreLat, double centreLon, double halfExtentM, double cellM, long seed) {
        this.centreLat = centreLat;
        this.centreLon = centreLon;
        this.cellM = cellM;
        this.halfExtentM = halfExtentM;
        this.size = (int) Math.ceil(2 * halfExtentM / cellM) + 1;
        this.metresPerDegLat = 110_574.0;
        this.metresPerDegLon = 111_320.0 * Math.cos(Math.toRadians(centreLat));
        this.heights = new float[size * size];
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                double x = -halfExtentM + col * cellM;
                double y = -halfExtentM + row * cellM;
                heights[row * size + col] = (float) ridged(x, y, seed);
            }
        }
    }

    private static double ridged(double x, double y, long seed) {
        double sum = 0;
        double amplitude = 520;
        double wavelength = 14_000;
        for (int octave = 0; octave < 5; octave++) {
            double n = valueNoise(x / wavelength, y / wavelength, seed + octave * 7919L);
            sum += amplitude * (1 - Math.abs(2 * n - 1)); // ridged: crests where the noise is 0.5
            amplitude *= 0.45;
            wavelength *= 0.5;
        }
        return Math.max(0, sum - 150);
    }

    private static double valueNoise(double x, double y, long seed) {
        long x0 = (long) Math.floor(x);
        long y0 = (long) Math.floor(y);
        double fx = smooth(x - x0);
        double fy = smooth(y - y0);
        double a = lattice(x0, y0, seed);
        double b = lattice(x0 + 1, y0, seed);
        double c = lattice(x0, y0 + 1, seed);
        double d = lattice(x0 + 1, y0 + 1, seed);
        return (a + (b - a) * fx) + ((c + (d - c) * fx) - (a + (b - a) * fx)) * fy;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lattice(long x, long y, long seed) {
        long h = seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (h >>> 11) / (double) (1L << 53);
    }

    double xM(double lon) {
        return (lon - centreLon) * metresPerDegLon;
    }

    double yM(double lat) {
        return (lat - centreLat) * metresPerDegLat;
    }

    GeoPoint point(double xM, double yM) {
        return new GeoPoint(centreLat + yM / metresPerDegLat, centreLon + xM / metresPerDegLon);
    }

    /** Bilinear height at local metres; NaN outside the grid. */
    double heightAtM(double x, double y) {
        double c = (x + halfExtentM) / cellM;
        double r = (y + halfExtentM) / cellM;
        if (c < 0 || r < 0 || c > size - 1 || r > size - 1) {
            return Double.NaN;
        }
        int c0 = Math.min((int) c, size - 2);
        int r0 = Math.min((int) r, size - 2);
        double fc = c - c0;
        double fr = r - r0;
        int i = r0 * size + c0;
        double top = heights[i] + (heights[i + 1] - heights[i]) * fc;
        double bottom = heights[i + size] + (heights[i + size + 1] - heights[i + size]) * fc;
        return top + (bottom - top) * fr;
    }

    @Override
    public double heightM(double lat, double lon) {
        return heightAtM(xM(lon), yM(lat));
    }
}
