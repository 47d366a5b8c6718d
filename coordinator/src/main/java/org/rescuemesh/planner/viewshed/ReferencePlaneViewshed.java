package org.rescuemesh.planner.viewshed;

import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTransform;
import org.rescuemesh.planner.terrain.GridCrs;
import org.rescuemesh.planner.terrain.TerrainException;

/**
 * O(n) viewshed by reference planes (Wang, Robinson & White 2000, "Generating viewsheds without
 * using sightlines"), with the same cell rules, curvature correction and output as GDAL 3.6's
 * gdal_viewshed in its default "edge" mode, so the two agree cell for cell up to floating-point
 * ties. The observer's 8 neighbours follow current GDAL (always visible) unless
 * {@link NeighbourRule#GDAL_3_6} asks for GDAL 3.6's rule, which reproduces that version exactly.
 *
 * <p>One pass outward from the observer row: each row, first the observer's column then outward to
 * the left and right. A cell's line-of-sight height Z is taken from the plane through the observer
 * eye and the two already-processed neighbours between it and the observer (the diagonal one and
 * the one on its axis of dominance); the cell is visible when ground + target height ≥ Z, and it
 * then passes on max(ground, Z) as the horizon its outer neighbours see. Heights are lowered by
 * cc·d²/D before the comparison. Rows above and below the observer are independent, so the two
 * halves run on two threads.
 *
 * <p>Geographic DEMs (e.g. SRTM {@code .hgt}) are analysed in a local metric frame: distances use
 * the WGS 84 radii of curvature at the observer's latitude (metres per degree of longitude and of
 * latitude), which keeps the maximum-distance and curvature terms in metres. The plane
 * interpolation itself is affine-invariant, so rectangular cells need no other change.
 */
public final class ReferencePlaneViewshed {

    private ReferencePlaneViewshed() {
    }

    /** Computes the viewshed using up to two threads. */
    public static Viewshed compute(ElevationGrid dem, ViewshedParameters p) {
        return compute(dem, p, true);
    }

    /**
     * @param parallel run the rows above and below the observer on two threads
     */
    public static Viewshed compute(ElevationGrid dem, ViewshedParameters p, boolean parallel) {
        GeoTransform gt = dem.transform();
        GridCrs crs = dem.crs();
        // Observer cell, computed with GDAL's inverse-transform arithmetic (ties on cell edges
        // resolve the same way).
        double[] inv = inverse(gt.toArray());
        double fx = inv[0] + p.observerX() * inv[1] + p.observerY() * inv[2];
        double fy = inv[3] + p.observerX() * inv[4] + p.observerY() * inv[5];
        int w = dem.width();
        int h = dem.height();
        if (!(fx >= 0 && fx < w && fy >= 0 && fy < h)) {
            throw new TerrainException("observer (" + p.observerX() + ", " + p.observerY()
                    + ") is outside the DEM extent " + dem.extentText());
        }
        int nX = (int) fx;
        int nY = (int) fy;
        float ground = dem.get(nX, nY);
        if (dem.isNoData(ground)) {
            throw new TerrainException("observer (" + p.observerX() + ", " + p.observerY() + ") is on a DEM void (no elevation)");
        }

        // Distances in metres: the CRS's own units when projected, a local metric frame when geographic.
        double[] m = metricTransform(gt, crs, p.observerY());
        double[] minv = inverse(m);
        double md = p.maxDistance();
        int xStart = 0, xStop = w, yStart = 0, yStop = h;
        if (md > 0) {
            // GDAL 3.6's window; absolute values so south-up grids get the same square.
            double cols = Math.abs(minv[1]) * md;
            double rows = Math.abs(minv[5]) * md;
            xStart = Math.max(0, (int) Math.floor(nX - cols));
            xStop = Math.min(w, (int) (Math.ceil(nX + cols) + 1));
            yStart = Math.max(0, (int) Math.floor(nY - rows));
            yStop = Math.min(h, (int) (Math.ceil(nY + rows) + 1));
        }
        double diameter = Double.isNaN(p.earthDiameter()) ? crs.earthDiameterMetres() : p.earthDiameter();
        Sweep sweep = new Sweep(dem, p, m, nX - xStart, nY, xStart, xStop - xStart, yStart, yStop, ground, diameter);
        sweep.run(parallel);
        return new Viewshed(sweep.out, sweep.width, yStop - yStart, xStart, yStart, nX - xStart, nY - yStart,
                gt.window(xStart, yStart), crs, sweep.visibleFirst + sweep.visibleUp + sweep.visibleDown);
    }

    /** GDAL's GDALInvGeoTransform, including its exact special case for north-up grids. */
    static double[] inverse(double[] g) {
        if (g[2] == 0 && g[4] == 0 && g[1] != 0 && g[5] != 0) {
            return new double[] {-g[0] / g[1], 1 / g[1], 0, -g[3] / g[5], 0, 1 / g[5]};
        }
        double det = g[1] * g[5] - g[2] * g[4];
        double inv = 1 / det;
        return new double[] {
            (g[2] * g[3] - g[0] * g[5]) * inv, g[5] * inv, -g[2] * inv,
            (-g[1] * g[3] + g[0] * g[4]) * inv, -g[4] * inv, g[1] * inv};
    }

    private static double[] metricTransform(GeoTransform gt, GridCrs crs, double observerY) {
        double[] g = gt.toArray();
        if (crs.isProjected()) {
            return g;
        }
        double a = crs.semiMajorAxisMetres();
        double e2 = 0.00669437999014; // WGS 84 first eccentricity squared
        double phi = Math.toRadians(observerY);
        double s = Math.sin(phi);
        double den = 1 - e2 * s * s;
        double n = a / Math.sqrt(den);
        double mer = a * (1 - e2) / (den * Math.sqrt(den));
        double mx = Math.PI / 180 * n * Math.cos(phi);
        double my = Math.PI / 180 * mer;
        return new double[] {g[0] * mx, g[1] * mx, g[2] * mx, g[3] * my, g[4] * my, g[5] * my};
    }

    /** The state of one run; the up and down halves share only read-only fields and the output. */
    private static final class Sweep {
        final ElevationGrid dem;
        final int nX;           // observer column in the window
        final int nY;           // observer row in the DEM
        final int col0;         // window's first DEM column
        final int width;        // window width
        final int yStart;
        final int yStop;
        final double zObserver;
        final double targetHeight;
        final double md2;
        final boolean limited;
        final double curv;      // cc, or 0 when no curvature correction
        final double diameter;
        final double g1, g2, g4, g5;
        final NeighbourRule neighbourRule;
        final byte[] out;
        final double[] firstRow;
        final boolean northUp;
        /** (g1·dx)² per window column: the x half of GDAL's squared distance. */
        final double[] colSq;
        /**
         * Visible cells on the observer's row, above it and below it: each half counts its rows as it
         * finishes them (in parallel and compiled, instead of one cold pass over the whole output).
         */
        long visibleFirst;
        long visibleUp;
        long visibleDown;

        Sweep(ElevationGrid dem, ViewshedParameters p, double[] metric, int nX, int nY, int col0, int width,
              int yStart, int yStop, float ground, double diameter) {
            this.dem = dem;
            this.nX = nX;
            this.nY = nY;
            this.col0 = col0;
            this.width = width;
            this.yStart = yStart;
            this.yStop = yStop;
            this.zObserver = p.observerHeight() + ground;
            this.targetHeight = p.targetHeight();
            this.md2 = p.maxDistance() * p.maxDistance();
            this.limited = p.maxDistance() > 0;
            this.curv = p.curvatureCoefficient();
            this.diameter = diameter;
            this.g1 = metric[1];
            this.g2 = metric[2];
            this.g4 = metric[4];
            this.g5 = metric[5];
            this.neighbourRule = p.neighbourRule();
            this.out = new byte[Math.multiplyExact(width, yStop - yStart)];
            this.firstRow = new double[width];
            this.northUp = g2 == 0 && g4 == 0;
            // (g1·dx)² per window column, dx = column - nX: the same value for ±dx, as in GDAL.
            this.colSq = new double[width];
            for (int i = 0; i < width; i++) {
                double gx = g1 * (i - nX);
                colSq[i] = gx * gx;
            }
        }

        void run(boolean parallel) {
            processFirstRow();
            if (parallel && nY - yStart > 16 && yStop - nY > 16) {
                // A named subclass, not a lambda: the first lambda of a JVM costs a CLI run ~5 ms to bootstrap.
                UpperHalf up = new UpperHalf(this);
                up.setDaemon(true);
                up.start();
                sweepDown();
                try {
                    up.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TerrainException("viewshed interrupted", e);
                }
                if (up.failure != null) {
                    throw up.failure instanceof RuntimeException re ? re
                            : new TerrainException("viewshed failed: " + up.failure, up.failure);
                }
            } else {
                sweepUp();
                sweepDown();
            }
        }

        /** The rows above the observer, on their own thread; keeps what it threw for the caller. */
        private static final class UpperHalf extends Thread {
            private final Sweep sweep;
            private volatile Throwable failure;

            UpperHalf(Sweep sweep) {
                super("viewshed-up");
                this.sweep = sweep;
            }

            @Override
            public void run() {
                try {
                    sweep.sweepUp();
                } catch (Throwable e) {
                    failure = e;
                }
            }
        }

        private void sweepUp() {
            double[] last = firstRow.clone();
            double[] cur = new double[width];
            float[] raw = new float[width];
            long visible = 0;
            for (int row = nY - 1; row >= yStart; row--) {
                processRow(row, nY - row, raw, last, cur);
                visible += countVisible(out, (row - yStart) * width, width);
                double[] t = last;
                last = cur;
                cur = t;
            }
            visibleUp = visible; // read after join()
        }

        private void sweepDown() {
            double[] last = firstRow.clone();
            double[] cur = new double[width];
            float[] raw = new float[width];
            long visible = 0;
            for (int row = nY + 1; row < yStop; row++) {
                processRow(row, row - nY, raw, last, cur);
                visible += countVisible(out, (row - yStart) * width, width);
                double[] t = last;
                last = cur;
                cur = t;
            }
            visibleDown = visible;
        }

        private static long countVisible(byte[] o, int from, int n) {
            long count = 0;
            for (int i = from; i < from + n; i++) {
                if (o[i] != 0) { // cells are 0 or VISIBLE
                    count++;
                }
            }
            return count;
        }

        /** Height drop cc·r²/D and the range test, as GDAL computes them for offset (dx, dy). */
        private double r2(int dx, int dy) {
            double x = g1 * dx + g2 * dy;
            double y = g4 * dx + g5 * dy;
            return x * x + y * y;
        }

        /**
         * Loads a DEM row into {@code z} (as doubles, curvature-lowered) and returns how many
         * cells on each side of the observer column are within range, {left, right}, and whether
         * the observer column itself is (third element 1/0). Range ends at the first cell beyond
         * the maximum distance, going outward (GDAL's rule). Cells beyond range are not loaded:
         * no in-range cell of this or the next row ever reads them.
         */
        private int[] load(int row, int dy, float[] raw, double[] z) {
            dem.readRow(row, col0, raw, 0, width);
            boolean adjust = curv != 0 && diameter != Double.POSITIVE_INFINITY;
            int left = nX;              // cells 0..nX-1
            int right = width - nX - 1; // cells nX+1..width-1
            int centre = 1;
            if (!adjust && !limited) {
                widen(raw, z, 0, width);
                return new int[] {left, right, centre};
            }
            if (limited) {
                if (r2(0, dy) > md2) {
                    centre = 0;
                }
                left = inRange(dy, nX);
                right = inRange(dy, width - nX - 1);
            }
            if (!adjust) {
                widen(raw, z, nX - left, nX + right + 1);
            } else if (northUp) {
                // Same arithmetic as GDAL's x·x + y·y with x = g1·dx + 0, y = 0 + g5·dy.
                double y = g5 * dy;
                lowered(raw, z, colSq, y * y, curv, diameter, nX - left, nX + right + 1);
            } else {
                z[nX] = raw[nX] - curv * r2(0, dy) / diameter;
                for (int x = 1; x <= left; x++) {
                    z[nX - x] = raw[nX - x] - curv * r2(x, dy) / diameter;
                }
                for (int x = 1; x <= right; x++) {
                    z[nX + x] = raw[nX + x] - curv * r2(x, dy) / diameter;
                }
            }
            return new int[] {left, right, centre};
        }

        private static void widen(float[] raw, double[] z, int from, int to) {
            for (int i = from; i < to; i++) {
                z[i] = raw[i];
            }
        }

        /** Ground lowered by c·(colSq + rowSq)/d, north-up grids (colSq per column of the window). */
        private static void lowered(float[] raw, double[] z, double[] colSq, double rowSq, double c, double d,
                                    int from, int to) {
            for (int i = from; i < to; i++) {
                z[i] = raw[i] - c * (colSq[i] + rowSq) / d;
            }
        }

        /** Number of consecutive cells 1..max away from the observer column within range on row offset dy. */
        private int inRange(int dy, int max) {
            if (northUp) {
                // r2 = (g1·x)² + (g5·dy)² never decreases as x grows, so the cells in range are a
                // prefix 1..k: bisect for k instead of testing every cell of the row.
                int lo = 0;
                int hi = max;
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    if (r2(mid, dy) <= md2) {
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                return lo;
            }
            int x = 1;
            while (x <= max && r2(x, dy) <= md2) {
                x++;
            }
            return x - 1;
        }

        private void processFirstRow() {
            double[] z = firstRow;
            float[] raw = new float[width];
            int[] range = load(nY, 0, raw, z);
            z[nX] = raw[nX]; // the observer's own ground is never lowered
            int base = (nY - yStart) * width;
            double zo = zObserver;
            double th = targetHeight;
            out[base + nX] = (byte) Viewshed.VISIBLE;
            // The two cells beside the observer are always visible and keep their own height.
            if (nX > 0) {
                out[base + nX - 1] = (byte) Viewshed.VISIBLE;
                if (range[0] == 0) {
                    z[nX - 1] = adjusted(raw[nX - 1], 1, 0);
                }
            }
            if (nX < width - 1) {
                out[base + nX + 1] = (byte) Viewshed.VISIBLE;
                if (range[1] == 0) {
                    z[nX + 1] = adjusted(raw[nX + 1], 1, 0);
                }
            }
            for (int x = 2; x <= range[0]; x++) {
                int i = nX - x;
                double za = z[i + 1];
                double zz = (za - zo) / (x - 1) + za;
                out[base + i] = z[i] + th < zz ? 0 : (byte) Viewshed.VISIBLE;
                if (z[i] < zz) {
                    z[i] = zz;
                }
            }
            for (int x = 2; x <= range[1]; x++) {
                int i = nX + x;
                double za = z[i - 1];
                double zz = (za - zo) / (x - 1) + za;
                out[base + i] = z[i] + th < zz ? 0 : (byte) Viewshed.VISIBLE;
                if (z[i] < zz) {
                    z[i] = zz;
                }
            }
            // Cells beyond range stay 0 (the array starts zeroed).
            visibleFirst = countVisible(out, base, width);
        }

        private double adjusted(float v, int dx, int dy) {
            if (curv == 0 || diameter == Double.POSITIVE_INFINITY) {
                return v;
            }
            return v - curv * r2(dx, dy) / diameter;
        }

        private void processRow(int row, int y, float[] raw, double[] last, double[] z) {
            int[] range = nearCells(row, y, raw, last, z);
            farCells(last, z, (row - yStart) * width, y, range[0], range[1]);
        }

        /**
         * Loads a row and computes its cells with x <= y (x = distance in columns from the observer's;
         * left cells are cx - x, right cells cx + x); returns the row's range as {@link #load} does.
         */
        private int[] nearCells(int row, int y, float[] raw, double[] last, double[] z) {
            int[] range = load(row, y, raw, z);
            int base = (row - yStart) * width;
            double zo = zObserver;
            double th = targetHeight;
            byte[] o = out;
            int cx = nX;
            boolean gdal36 = neighbourRule == NeighbourRule.GDAL_3_6;
            if (range[2] == 1) {
                // Next to the observer: its own height (always visible) or, under GDAL 3.6's
                // rule, the observer's ground (see NeighbourRule).
                double za = last[cx];
                double zz = y == 1 ? (gdal36 ? za : z[cx]) : (za - zo) / (y - 1) + za;
                o[base + cx] = z[cx] + th < zz ? 0 : (byte) Viewshed.VISIBLE;
                if (z[cx] < zz) {
                    z[cx] = zz;
                }
            }
            int left = range[0];
            int right = range[1];
            columnDominantLeft(last, z, o, base, cx, y, Math.min(left, y - 1), zo, th);
            columnDominantRight(last, z, o, base, cx, y, Math.min(right, y - 1), zo, th);
            if (left >= y) { // x == y: on the diagonal, extend the diagonal line
                diagonal(last, z, o, base, cx - y, cx - y + 1, y, gdal36, zo, th);
            }
            if (right >= y) {
                diagonal(last, z, o, base, cx + y, cx + y - 1, y, gdal36, zo, th);
            }
            return range;
        }

        /**
         * The cells with x > y of one row: each leans on the one just computed beside it, a serial
         * chain per side; the two sides are independent, so one loop runs both chains side by side.
         */
        private void farCells(double[] last, double[] z, int base, int y, int left, int right) {
            double zo = zObserver;
            double th = targetHeight;
            int both = Math.min(left, right);
            rowDominantBoth(last, z, out, base, nX, y, both, zo, th);
            rowDominantLeft(last, z, out, base, nX, y, Math.max(y + 1, both + 1), left, zo, th);
            rowDominantRight(last, z, out, base, nX, y, Math.max(y + 1, both + 1), right, zo, th);
        }

        /*
         * The loops below are small static methods so that the JIT compiles each of them after a few
         * hundred rows instead of waiting for one large method (a cold CLI run spends much of its
         * sweep in not-yet-compiled code). Their arithmetic is GDAL's, operation for operation.
         */

        /** x < y, left: plane through the diagonal and the column neighbour (previous row only). */
        private static void columnDominantLeft(double[] last, double[] z, byte[] o, int base, int cx, int y, int a,
                                               double zo, double th) {
            int yd = y - 1;
            for (int x = 1; x <= a; x++) {
                int i = cx - x;
                double zz = ((last[i + 1] - zo) * x + (last[i] - zo) * (y - x)) / yd + zo;
                double v = z[i];
                o[base + i] = v + th < zz ? 0 : (byte) Viewshed.VISIBLE;
                z[i] = v < zz ? zz : v;
            }
        }

        /** x < y, right: mirror of {@link #columnDominantLeft}. */
        private static void columnDominantRight(double[] last, double[] z, byte[] o, int base, int cx, int y, int a,
                                                double zo, double th) {
            int yd = y - 1;
            for (int x = 1; x <= a; x++) {
                int i = cx + x;
                double zz = ((last[i - 1] - zo) * x + (last[i] - zo) * (y - x)) / yd + zo;
                double v = z[i];
                o[base + i] = v + th < zz ? 0 : (byte) Viewshed.VISIBLE;
                z[i] = v < zz ? zz : v;
            }
        }

        /** x == y: cell i, its diagonal neighbour d on the previous row. */
        private static void diagonal(double[] last, double[] z, byte[] o, int base, int i, int d, int y, boolean gdal36,
                                     double zo, double th) {
            double za = last[d];
            double zz = y == 1 ? (gdal36 ? za : z[i]) : (za - zo) / (y - 1) + za;
            double v = z[i];
            o[base + i] = v + th < zz ? 0 : (byte) Viewshed.VISIBLE;
            z[i] = v < zz ? zz : v;
        }

        /** x = y + 1 .. n on both sides: plane through the diagonal and the row neighbour, two chains interleaved. */
        private static void rowDominantBoth(double[] last, double[] z, byte[] o, int base, int cx, int y, int n,
                                            double zo, double th) {
            if (n <= y) {
                return;
            }
            double pl = z[cx - y]; // the row neighbour of the first cell on each side: the diagonal cell
            double pr = z[cx + y];
            for (int x = y + 1; x <= n; x++) {
                int il = cx - x;
                int ir = cx + x;
                double zl = ((last[il + 1] - zo) * y + (pl - zo) * (x - y)) / (x - 1) + zo;
                double zr = ((last[ir - 1] - zo) * y + (pr - zo) * (x - y)) / (x - 1) + zo;
                double vl = z[il];
                double vr = z[ir];
                o[base + il] = vl + th < zl ? 0 : (byte) Viewshed.VISIBLE;
                o[base + ir] = vr + th < zr ? 0 : (byte) Viewshed.VISIBLE;
                pl = vl < zl ? zl : vl;
                pr = vr < zr ? zr : vr;
                z[il] = pl;
                z[ir] = pr;
            }
        }

        /** x = from .. n on the left only (the left side reaches further than the right). */
        private static void rowDominantLeft(double[] last, double[] z, byte[] o, int base, int cx, int y, int from, int n,
                                            double zo, double th) {
            if (from > n) {
                return;
            }
            double p = z[cx - from + 1];
            for (int x = from; x <= n; x++) {
                int i = cx - x;
                double zz = ((last[i + 1] - zo) * y + (p - zo) * (x - y)) / (x - 1) + zo;
                double v = z[i];
                o[base + i] = v + th < zz ? 0 : (byte) Viewshed.VISIBLE;
                p = v < zz ? zz : v;
                z[i] = p;
            }
        }

        /** x = from .. n on the right only. */
        private static void rowDominantRight(double[] last, double[] z, byte[] o, int base, int cx, int y, int from, int n,
                                             double zo, double th) {
            if (from > n) {
                return;
            }
            double p = z[cx + from - 1];
            for (int x = from; x <= n; x++) {
                int i = cx + x;
                double zz = ((last[i - 1] - zo) * y + (p - zo) * (x - y)) / (x - 1) + zo;
                double v = z[i];
                o[base + i] = v + th < zz ? 0 : (byte) Viewshed.VISIBLE;
                p = v < zz ? zz : v;
                z[i] = p;
            }
        }
    }
}
