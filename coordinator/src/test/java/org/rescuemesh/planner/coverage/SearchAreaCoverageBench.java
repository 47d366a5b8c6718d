package org.rescuemesh.planner.coverage;

import java.util.Locale;

/**
 * Bench (not part of {@code mvn verify}): covered fraction and gap polygons of a large search
 * area over a 3601 × 3601 one-arc-second margin raster (an SRTM 1″ tile) whose coverage is a
 * fragmented pattern of overlapping discs and noise — many small gaps, the hard case for the
 * polygon union.
 *
 * <pre>
 * java -cp coordinator/target/coordinator.jar:coordinator/target/test-classes \
 *     org.rescuemesh.planner.coverage.SearchAreaCoverageBench [areaKm] [runs]
 * </pre>
 */
public final class SearchAreaCoverageBench {

    private SearchAreaCoverageBench() {
    }

    public static void main(String[] args) {
        double areaKm = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int size = 3601;
        double cell = 1.0 / 3600;
        RasterGrid grid = RasterGrid.geographic(size, size, 124.0, 12.0, cell, cell);
        float[] margins = new float[size * size];
        java.util.Random random = new java.util.Random(42);
        double[][] towers = new double[40][];
        for (int t = 0; t < towers.length; t++) {
            towers[t] = new double[] {random.nextDouble() * size, random.nextDouble() * size, 60 + random.nextDouble() * 200};
        }
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                double best = -40;
                for (double[] t : towers) {
                    double d = Math.hypot(col - t[0], row - t[1]);
                    best = Math.max(best, 20 * Math.log10(t[2] / Math.max(1, d)));
                }
                // Terrain-like shadowing: a few dB of smooth ripple plus fine noise.
                double ripple = 6 * Math.sin(col / 37.0) * Math.cos(row / 53.0) + 3 * Math.sin((col + 2 * row) / 11.0);
                margins[row * size + col] = (float) (best + ripple);
            }
        }
        MarginGrid raster = MarginGrid.of(grid, "uhf", margins);
        double centreLat = 11.5;
        double centreLon = 124.5;
        double dLat = areaKm / 2 / 110.6;
        double dLon = areaKm / 2 / (111.32 * Math.cos(Math.toRadians(centreLat)));
        StringBuilder wkt = new StringBuilder("POLYGON((");
        for (int i = 0; i <= 12; i++) {
            double a = 2 * Math.PI * (i % 12) / 12;
            double r = 0.8 + 0.2 * Math.cos(3 * a);
            wkt.append(i == 0 ? "" : ", ").append(centreLon + r * dLon * Math.cos(a)).append(' ')
                    .append(centreLat + r * dLat * Math.sin(a));
        }
        SearchArea area = SearchArea.fromWkt("bench", "bench", wkt.append("))").toString());
        System.out.printf(Locale.ROOT, "raster %d×%d at 1\", search area %.1f km²%n", size, size, area.areaM2() / 1e6);
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            CoverageReport report = SearchAreaCoverage.assess(area, raster);
            long end = System.nanoTime();
            int vertices = report.gaps().stream().mapToInt(g -> g.polygon().getNumPoints()).sum();
            System.out.printf(Locale.ROOT, "run %d: %.2f s; covered %.2f %%, %d gaps (%d vertices), largest %.3f km²%n",
                    run, (end - start) / 1e9, 100 * report.coveredFraction(), report.gaps().size(), vertices,
                    report.gaps().isEmpty() ? 0 : report.gaps().get(0).areaM2() / 1e6);
        }
    }
}
