package org.rescuemesh.planner.terrain;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * Seeded, repeatable synthetic DEM with the features a radio planner cares about: rolling
 * fractal hills, sharp ridge lines (ridged multifractal noise, confined to a few mountain
 * ranges) and a meandering river valley cut through everything, descending downstream. Heights
 * stay in roughly 20..2,000 m. The same seed and size always give the same grid, whatever the
 * origin, so tests and demos can rely on it.
 */
public final class SyntheticTerrain {
    /** WGS 84 / UTM zone 51N, the demo's default CRS (Luzon). */
    public static final int DEMO_EPSG = 32651;
    private static final double DEMO_ORIGIN_X = 440_000;
    private static final double DEMO_ORIGIN_Y = 1_760_000;

    private final long seed;

    private SyntheticTerrain(long seed) {
        this.seed = seed;
    }

    /** A square demo DEM of {@code size × size} cells of {@code cellSizeMetres} in EPSG:32651. */
    public static ElevationGrid demo(long seed, int size, double cellSizeMetres) {
        return generate(seed, size, size, cellSizeMetres, GridCrs.fromEpsg(DEMO_EPSG), DEMO_ORIGIN_X, DEMO_ORIGIN_Y);
    }

    /**
     * Generates a north-up DEM whose top-left corner is (originX, originY) in {@code crs}, which
     * must be projected (cell size in metres).
     */
    public static ElevationGrid generate(long seed, int width, int height, double cellSizeMetres, GridCrs crs,
                                         double originX, double originY) {
        if (!crs.isProjected()) {
            throw new TerrainException("synthetic terrain needs a projected CRS in metres, got " + crs);
        }
        if (!(cellSizeMetres > 0) || !Double.isFinite(cellSizeMetres)) {
            throw new TerrainException("cell size must be a positive number of metres, got " + cellSizeMetres);
        }
        FloatBuffer out = SampleStorage.allocate(width, height);
        SyntheticTerrain t = new SyntheticTerrain(seed);
        double extentX = width * cellSizeMetres;
        double extentY = height * cellSizeMetres;
        // Rows are independent: generate them in parallel (the buffer is written at distinct indices).
        IntStream.range(0, height).parallel().forEach(r -> {
            float[] row = new float[width];
            double y = (r + 0.5) * cellSizeMetres;
            for (int c = 0; c < width; c++) {
                double x = (c + 0.5) * cellSizeMetres;
                row[c] = (float) t.height(x, y, extentX, extentY);
            }
            synchronized (out) {
                out.put(r * width, row, 0, width);
            }
        });
        return ElevationGrid.of(out, width, height, GeoTransform.northUp(originX, originY, cellSizeMetres, cellSizeMetres),
                crs, Float.NaN);
    }

    /** Height at (x, y) metres from the top-left corner (y grows southwards). */
    double height(double x, double y, double extentX, double extentY) {
        double hills = fbm(x / 14_000, y / 14_000, 6, 11);
        double ranges = smoothstep(-0.05, 0.35, fbm(x / 30_000, y / 30_000, 2, 23));
        double ridges = ridged(x / 9_000, y / 9_000, 5, 37);
        double h = 600 + 320 * hills + 1_150 * ranges * ridges;

        // River valley running west to east, meandering, descending downstream.
        double phase1 = unit(hash(1, 2, seed + 51)) * 2 * Math.PI;
        double phase2 = unit(hash(3, 4, seed + 52)) * 2 * Math.PI;
        double centre = extentY * (0.35 + 0.3 * unit(hash(5, 6, seed + 53)))
                + 0.08 * extentY * Math.sin(2 * Math.PI * x / Math.max(extentX, 1) * 1.3 + phase1)
                + 1_500 * Math.sin(2 * Math.PI * x / 9_000 + phase2);
        double d = (y - centre) / 1_800;
        double carve = Math.exp(-d * d);
        double riverLevel = 160 - 110 * x / Math.max(extentX, 1);
        h = riverLevel + (h - riverLevel) * (1 - 0.93 * carve);
        return Math.max(h, 20);
    }

    private double fbm(double x, double y, int octaves, long salt) {
        double sum = 0, amp = 1, norm = 0, f = 1;
        for (int o = 0; o < octaves; o++) {
            sum += amp * gradientNoise(x * f, y * f, seed * 31 + salt + o);
            norm += amp;
            amp *= 0.5;
            f *= 2.03;
        }
        return sum / norm;
    }

    /** Ridged multifractal: sharp crests where the underlying noise crosses zero. 0..1. */
    private double ridged(double x, double y, int octaves, long salt) {
        double sum = 0, amp = 1, norm = 0, f = 1, weight = 1;
        for (int o = 0; o < octaves; o++) {
            double n = 1 - Math.abs(gradientNoise(x * f, y * f, seed * 17 + salt + o) * 1.4);
            n = Math.max(n, 0);
            n *= n * weight;
            weight = Math.min(1, n * 1.6);
            sum += amp * n;
            norm += amp;
            amp *= 0.5;
            f *= 2.1;
        }
        return sum / norm;
    }

    /** 2-D gradient noise in about -1..1, smooth (quintic fade). */
    private static double gradientNoise(double x, double y, long salt) {
        double fx = Math.floor(x), fy = Math.floor(y);
        int ix = (int) fx, iy = (int) fy;
        double dx = x - fx, dy = y - fy;
        double n00 = grad(hash(ix, iy, salt), dx, dy);
        double n10 = grad(hash(ix + 1, iy, salt), dx - 1, dy);
        double n01 = grad(hash(ix, iy + 1, salt), dx, dy - 1);
        double n11 = grad(hash(ix + 1, iy + 1, salt), dx - 1, dy - 1);
        double u = fade(dx), v = fade(dy);
        double a = n00 + u * (n10 - n00);
        double b = n01 + u * (n11 - n01);
        return (a + v * (b - a)) * 1.41;
    }

    /** 16 unit gradients evenly spread on the circle (a table: no trigonometry per lookup). */
    private static final double[] GX = new double[16];
    private static final double[] GY = new double[16];

    static {
        for (int i = 0; i < 16; i++) {
            GX[i] = Math.cos(i * Math.PI / 8 + 0.1);
            GY[i] = Math.sin(i * Math.PI / 8 + 0.1);
        }
    }

    private static double grad(long h, double dx, double dy) {
        int i = (int) (h >>> 60);
        return GX[i] * dx + GY[i] * dy;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    private static double smoothstep(double e0, double e1, double v) {
        double t = Math.min(Math.max((v - e0) / (e1 - e0), 0), 1);
        return t * t * (3 - 2 * t);
    }

    /** SplitMix64-style mix of lattice coordinates and salt. */
    private static long hash(int ix, int iy, long salt) {
        long z = salt * 0x9E3779B97F4A7C15L + ix * 0xC2B2AE3D27D4EB4FL + iy * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }
}
