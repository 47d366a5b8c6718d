package org.rescuemesh.planner.propagation;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import net.sf.geographiclib.GeodesicMask;

import org.rescuemesh.planner.radio.TerrainProfile;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.TerrainException;

/**
 * The ray geometry of a coverage run: rays from the transmitter to the centre of every cell on
 * the perimeter of the window around it, each sampled once at equal steps (one sample per
 * column or row crossed, bilinear heights), and for every cell within the radius the ray sample
 * nearest to its centre.
 *
 * <p>A cell's prediction is the path from the transmitter to that sample: the prefix of the
 * ray's profile ending there. So one profile per ray serves every cell along it, and each cell
 * costs one path-loss call, not a profile extraction. The price is that the path ends at the
 * sample, not at the cell centre: at most about half a cell away at the perimeter (adjacent
 * rays are one cell apart there) and much closer near the transmitter, where rays crowd.
 *
 * <p>The cell containing the transmitter is left out (no path to predict over).
 *
 * <p>Paths follow the WGS 84 geodesic on a geographic DEM (positions from GeographicLib every
 * {@value #KNOT_SAMPLES} samples, linear in between: the geodesic bends by well under a
 * millimetre over such a stretch) and the straight map line on a projected DEM.
 *
 * <p>That is {@link RayRule#CELL_CENTRE}, the default. {@link RayRule#SPLAT_1_4} casts SPLAT!
 * 1.4.2's rays instead ({@link SplatRays}) to reproduce its maps; the same accessors then describe
 * its rays, and {@link #sampleOf} is the end of the path SPLAT! evaluates for the cell.
 */
public final class RadialSweep {
    private static final int KNOT_SAMPLES = 32;

    private final ElevationGrid grid;
    private final double txX;
    private final double txY;
    private final int col0;
    private final int row0;
    private final int width;
    private final int height;
    private final double radiusM;
    /** Metres per CRS unit along x and y near the transmitter (1 on projected grids). */
    private final double metresPerX;
    private final double metresPerY;
    private final double[] stepM;
    private final double[][] elevations;
    private final int[] cellRay;
    private final int[] cellSample;
    private final ProfileSampling sampling;
    private final RayRule rule;

    private RadialSweep(ElevationGrid grid, double txX, double txY, int col0, int row0, int width, int height,
                        double radiusM, double metresPerX, double metresPerY, int rays, ProfileSampling sampling,
                        RayRule rule) {
        this.sampling = sampling;
        this.rule = rule;
        this.grid = grid;
        this.txX = txX;
        this.txY = txY;
        this.col0 = col0;
        this.row0 = row0;
        this.width = width;
        this.height = height;
        this.radiusM = radiusM;
        this.metresPerX = metresPerX;
        this.metresPerY = metresPerY;
        this.stepM = new double[rays];
        this.elevations = new double[rays][];
        this.cellRay = new int[width * height];
        this.cellSample = new int[width * height];
    }

    /**
     * Casts the rays for a transmitter at CRS position (txX, txY) and assigns the cells whose
     * centre lies within {@code radiusM}.
     *
     * @throws TerrainException when the transmitter is outside the DEM or on a void
     */
    public static RadialSweep cast(ElevationGrid grid, double txX, double txY, double radiusM) {
        return cast(grid, txX, txY, radiusM, ProfileSampling.BILINEAR);
    }

    /** As {@link #cast(ElevationGrid, double, double, double)} with a choice of how profile heights are read. */
    public static RadialSweep cast(ElevationGrid grid, double txX, double txY, double radiusM, ProfileSampling sampling) {
        return cast(grid, txX, txY, radiusM, sampling, 1);
    }

    /**
     * As {@link #cast(ElevationGrid, double, double, double, ProfileSampling)}, the rays' profiles
     * sampled on {@code threads} threads (the result does not depend on the number of threads).
     */
    public static RadialSweep cast(ElevationGrid grid, double txX, double txY, double radiusM, ProfileSampling sampling,
                                   int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        requireTransmitter(grid, txX, txY);
        double[] scale = metresPerUnit(grid, txY);
        double pw = Math.abs(grid.transform().pixelWidth()) * scale[0];
        double ph = Math.abs(grid.transform().pixelHeight()) * scale[1];
        double txCol = grid.transform().col(txX, txY);
        double txRow = grid.transform().row(txX, txY);
        int[] window = window(grid, txCol, txRow, radiusM, pw, ph, 1);
        int c0 = window[0];
        int r0 = window[1];
        int w = window[2];
        int h = window[3];
        int rays = w == 1 || h == 1 ? w * h : 2 * (w + h) - 4;
        RadialSweep s = new RadialSweep(grid, txX, txY, c0, r0, w, h, radiusM, scale[0], scale[1], rays, sampling,
                RayRule.CELL_CENTRE);
        s.castRays(txCol, txRow, Math.max(pw, ph), threads);
        // the transmitter's own cell has no path (ITM needs a distance): never computed, in every model
        int own = ((int) Math.floor(txRow) - r0) * w + ((int) Math.floor(txCol) - c0);
        s.cellRay[own] = -1;
        return s;
    }

    /**
     * The cells within {@code reachM} of the transmitter plus {@code marginCells} on each side,
     * clipped to the DEM: first column, first row, width, height.
     */
    private static int[] window(ElevationGrid grid, double txCol, double txRow, double reachM, double pw, double ph,
                                int marginCells) {
        int c0 = Math.max(0, (int) Math.floor(txCol - reachM / pw - marginCells));
        int c1 = Math.min(grid.width() - 1, (int) Math.floor(txCol + reachM / pw + marginCells));
        int r0 = Math.max(0, (int) Math.floor(txRow - reachM / ph - marginCells));
        int r1 = Math.min(grid.height() - 1, (int) Math.floor(txRow + reachM / ph + marginCells));
        return new int[]{c0, r0, c1 - c0 + 1, r1 - r0 + 1};
    }

    /** The transmitter must stand on the DEM, on a cell with a height. */
    private static void requireTransmitter(ElevationGrid grid, double txX, double txY) {
        grid.requireContains(txX, txY, "transmitter");
        if (Double.isNaN(grid.elevationAt(txX, txY))) {
            throw new TerrainException("transmitter (" + txX + ", " + txY + ") stands on a DEM void (no height)");
        }
    }

    /**
     * Casts the rays by {@code rule}: {@link RayRule#CELL_CENTRE} as
     * {@link #cast(ElevationGrid, double, double, double, ProfileSampling, int)} with bilinear
     * heights; {@link RayRule#SPLAT_1_4} SPLAT! 1.4.2's rays (see {@link SplatRays}).
     *
     * @throws TerrainException when the transmitter is outside the DEM or on a void, or the
     *                          SPLAT! rule is asked of a DEM that is not a north-up geographic grid
     */
    public static RadialSweep cast(ElevationGrid grid, double txX, double txY, double radiusM, RayRule rule, int threads) {
        if (rule == RayRule.CELL_CENTRE) {
            return cast(grid, txX, txY, radiusM, ProfileSampling.BILINEAR, threads);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (!grid.crs().isGeographic() || !grid.transform().isNorthUp()) {
            throw new TerrainException("the SPLAT! ray rule needs a north-up geographic (latitude/longitude) DEM, as "
                    + "SPLAT! reads; this DEM is " + (grid.crs().isGeographic() ? "rotated" : "projected"));
        }
        requireTransmitter(grid, txX, txY);
        double[] scale = metresPerUnit(grid, txY);
        // SPLAT!'s sphere is a little smaller than the ellipsoid across the meridian: two cells of margin
        double pw = Math.abs(grid.transform().pixelWidth()) * scale[0];
        double ph = Math.abs(grid.transform().pixelHeight()) * scale[1];
        double txCol = grid.transform().col(txX, txY);
        double txRow = grid.transform().row(txX, txY);
        double reach = radiusM * 1.01;
        int[] window = window(grid, txCol, txRow, reach, pw, ph, 2);
        int c0 = window[0];
        int r0 = window[1];
        int w = window[2];
        int h = window[3];
        int[] ends = SplatRays.destinations(grid.width(), grid.height());
        int rays = ends.length / 2;
        RadialSweep s = new RadialSweep(grid, txX, txY, c0, r0, w, h, radiusM, scale[0], scale[1], rays,
                ProfileSampling.NEAREST, RayRule.SPLAT_1_4);
        SplatRays caster = new SplatRays(grid, txX, txY, radiusM);
        Arrays.fill(s.cellRay, -1);
        // rays are sampled in parallel a chunk at a time and assigned in ray order; a ray keeps its
        // profile only up to the last sample a cell's path ends at (most rays of a large DEM's
        // perimeter claim few cells or none), so memory stays near what the cells need
        int chunk = 1024;
        RaySamples[] samples = new RaySamples[Math.min(chunk, rays)];
        for (int from = 0; from < rays; from += chunk) {
            int base = from;
            int count = Math.min(chunk, rays - from);
            AtomicInteger next = new AtomicInteger();
            ParallelWork.run(Math.min(threads, Math.max(1, count / 16)), () -> {
                for (int first = next.getAndAdd(16); first < count; first = next.getAndAdd(16)) {
                    for (int i = first; i < Math.min(count, first + 16); i++) {
                        int ray = base + i;
                        samples[i] = caster.ray(ends[2 * ray], ends[2 * ray + 1], c0, r0, w, h);
                    }
                }
            });
            for (int i = 0; i < count; i++) {
                int ray = base + i;
                RaySamples r = samples[i];
                int[] cells = r.cells;
                int lastEnd = -1;
                // the first sample, in ray order, to round to a cell claims it, from sample 2 on; its
                // path is the profile up to the sample before it
                for (int k = 2; k < cells.length; k++) {
                    int cell = cells[k];
                    if (cell >= 0 && s.cellRay[cell] < 0) {
                        s.cellRay[cell] = ray;
                        s.cellSample[cell] = k - 1;
                        lastEnd = k - 1;
                    }
                }
                s.stepM[ray] = r.stepM;
                s.elevations[ray] = lastEnd < 0 ? new double[0] : Arrays.copyOf(r.elevations, lastEnd + 1);
                samples[i] = null;
            }
        }
        int own = ((int) Math.floor(txRow) - r0) * w + ((int) Math.floor(txCol) - c0);
        s.cellRay[own] = -1;
        return s;
    }

    /** Metres per CRS unit in x and y at latitude/northing y (WGS 84 radii of curvature on geographic grids). */
    static double[] metresPerUnit(ElevationGrid grid, double y) {
        if (grid.crs().isProjected()) {
            return new double[] {1.0, 1.0};
        }
        double a = grid.crs().semiMajorAxisMetres();
        double f = Geodesic.WGS84.Flattening();
        double e2 = f * (2 - f);
        double phi = Math.toRadians(y);
        double w = 1 - e2 * Math.sin(phi) * Math.sin(phi);
        double meridian = a * (1 - e2) / (w * Math.sqrt(w));
        double normal = a / Math.sqrt(w);
        return new double[] {Math.toRadians(1) * normal * Math.cos(phi), Math.toRadians(1) * meridian};
    }

    /** Perimeter cells in casting order: top row, bottom row, then left and right ends of the rows between. */
    private int[] rayEnds() {
        int[] ends = new int[2 * stepM.length];
        int ray = 0;
        for (int i = 0; i < width; i++) {
            ends[2 * ray] = col0 + i;
            ends[2 * ray++ + 1] = row0;
        }
        if (height > 1) {
            for (int i = 0; i < width; i++) {
                ends[2 * ray] = col0 + i;
                ends[2 * ray++ + 1] = row0 + height - 1;
            }
        }
        if (width > 1) {
            for (int j = 1; j < height - 1; j++) {
                ends[2 * ray] = col0;
                ends[2 * ray++ + 1] = row0 + j;
                ends[2 * ray] = col0 + width - 1;
                ends[2 * ray++ + 1] = row0 + j;
            }
        }
        return ends;
    }

    private void castRays(double txCol, double txRow, double cellM, int threads) {
        int[] ends = rayEnds();
        int rays = stepM.length;
        double keepM = radiusM + cellM;
        // the profiles (geodesic positions, heights, the cell under each sample) are independent
        // per ray and sampled in parallel; which ray a cell takes is then decided in ray order,
        // as a single thread would, so the sweep does not depend on the thread count
        boolean[] inside = new boolean[width * height];
        AtomicInteger nextRow = new AtomicInteger();
        ParallelWork.run(Math.min(threads, height), () -> {
            for (int r = nextRow.getAndIncrement(); r < height; r = nextRow.getAndIncrement()) {
                for (int c = 0; c < width; c++) {
                    inside[r * width + c] = withinRadius(col0 + c, row0 + r);
                }
            }
        });
        RaySamples[] samples = new RaySamples[rays];
        AtomicInteger next = new AtomicInteger();
        ParallelWork.run(Math.min(threads, Math.max(1, rays / 16)), () -> {
            for (int first = next.getAndAdd(16); first < rays; first = next.getAndAdd(16)) {
                for (int ray = first; ray < Math.min(rays, first + 16); ray++) {
                    samples[ray] = sampleRay(ends[2 * ray], ends[2 * ray + 1], txCol, txRow, keepM, inside);
                }
            }
        });
        float[] best = new float[width * height];
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        Arrays.fill(cellRay, -1);
        for (int ray = 0; ray < rays; ray++) {
            RaySamples r = samples[ray];
            stepM[ray] = r.stepM;
            elevations[ray] = r.elevations;
            int[] cells = r.cells;
            float[] d2 = r.distances2;
            for (int j = 1; j < cells.length; j++) {
                int cell = cells[j];
                if (cell >= 0 && d2[j] < best[cell]) {
                    best[cell] = d2[j];
                    cellRay[cell] = ray;
                    cellSample[cell] = j;
                }
            }
            samples[ray] = null;
        }
    }

    /**
     * One ray's profile, and per sample the window cell it falls in when that cell's centre is
     * within the radius (−1 otherwise) with the squared distance in metres to that centre
     * (samples 1.., the transmitter's own sample 0 serves no cell).
     */
    record RaySamples(double stepM, double[] elevations, int[] cells, float[] distances2) {
    }

    private RaySamples sampleRay(int endCol, int endRow, double txCol, double txRow, double keepM, boolean[] inside) {
        double ex = grid.cellCenterX(endCol, endRow);
        double ey = grid.cellCenterY(endCol, endRow);
        int n = (int) Math.ceil(Math.max(Math.abs(endCol + 0.5 - txCol), Math.abs(endRow + 0.5 - txRow)));
        if (n < 1) {
            // the perimeter cell is the transmitter's own (a one-cell window): nothing to sample
            return new RaySamples(1.0, new double[0], new int[0], new float[0]);
        }
        boolean geographic = grid.crs().isGeographic();
        double length;
        GeodesicLine line = null;
        if (geographic) {
            line = Geodesic.WGS84.InverseLine(txY, txX, ey, ex, GeodesicMask.DISTANCE_IN | GeodesicMask.LATITUDE
                    | GeodesicMask.LONGITUDE);
            length = line.Distance();
        } else {
            length = Math.hypot(ex - txX, ey - txY);
        }
        double step = length / n;
        int kept = (int) Math.min(n, Math.floor(keepM / step));
        double[] z = new double[kept + 1];
        double[] xs = new double[kept + 1];
        double[] ys = new double[kept + 1];
        if (geographic) {
            for (int k = 0; k <= kept; k += KNOT_SAMPLES) {
                int k1 = Math.min(k + KNOT_SAMPLES, kept);
                GeodesicData a = k == 0 ? null : line.Position(k * step);
                double ax = k == 0 ? txX : a.lon2;
                double ay = k == 0 ? txY : a.lat2;
                GeodesicData b = line.Position(k1 * step);
                double bx = unwrap(b.lon2, ax);
                for (int j = k; j <= k1; j++) {
                    double f = k1 == k ? 0 : (double) (j - k) / (k1 - k);
                    xs[j] = ax + (bx - ax) * f;
                    ys[j] = ay + (b.lat2 - ay) * f;
                }
            }
        } else {
            for (int j = 0; j <= kept; j++) {
                double f = (double) j / n;
                xs[j] = txX + (ex - txX) * f;
                ys[j] = txY + (ey - txY) * f;
            }
        }
        int valid = kept + 1;
        for (int j = 0; j <= kept; j++) {
            double e = sampling == ProfileSampling.BILINEAR ? grid.elevationAt(xs[j], ys[j]) : nearestSample(xs[j], ys[j]);
            if (Double.isNaN(e)) {
                // a void or the DEM edge: the profile, and every path through this point, stops here
                valid = j;
                break;
            }
            z[j] = e;
        }
        int[] cells = new int[valid];
        float[] d2 = new float[valid];
        Arrays.fill(cells, -1);
        for (int j = 1; j < valid; j++) {
            int c = grid.colOf(xs[j], ys[j]) - col0;
            int r = grid.rowOf(xs[j], ys[j]) - row0;
            if (c < 0 || c >= width || r < 0 || r >= height || !inside[r * width + c]) {
                continue;
            }
            double dx = (xs[j] - grid.cellCenterX(c + col0, r + row0)) * metresPerX;
            double dy = (ys[j] - grid.cellCenterY(c + col0, r + row0)) * metresPerY;
            cells[j] = r * width + c;
            d2[j] = (float) (dx * dx + dy * dy);
        }
        return new RaySamples(step, valid == z.length ? z : Arrays.copyOf(z, valid), cells, d2);
    }

    private double nearestSample(double x, double y) {
        int c = grid.colOf(x, y);
        int r = grid.rowOf(x, y);
        if (c < 0 || r < 0 || c >= grid.width() || r >= grid.height()) {
            return Double.NaN;
        }
        float v = grid.get(c, r);
        return grid.isNoData(v) ? Double.NaN : v;
    }

    private static double unwrap(double lon, double reference) {
        while (lon - reference > 180) {
            lon -= 360;
        }
        while (lon - reference < -180) {
            lon += 360;
        }
        return lon;
    }

    /** Whether the centre of DEM cell (col, row) is within the radius (local metric approximation on geographic grids). */
    boolean withinRadius(int col, int row) {
        return distanceToCellM(col, row) <= radiusM;
    }

    /** Whether window cell (c, r) gets a value: within the radius and not the transmitter's own cell. */
    boolean isComputed(int c, int r) {
        if (rule == RayRule.SPLAT_1_4) {
            // SPLAT!'s radius is on the ray samples: a cell is computed when a sample claimed it
            return cellRay[r * width + c] >= 0;
        }
        return cellRay[r * width + c] >= 0 || (withinRadius(col0 + c, row0 + r) && !isTransmitterCell(c, r));
    }

    private boolean isTransmitterCell(int c, int r) {
        return grid.colOf(txX, txY) == col0 + c && grid.rowOf(txX, txY) == row0 + r;
    }

    /** Distance from the transmitter to the centre of DEM cell (col, row): map distance, or local ellipsoidal metres. */
    double distanceToCellM(int col, int row) {
        double x = grid.cellCenterX(col, row);
        double y = grid.cellCenterY(col, row);
        if (grid.crs().isProjected()) {
            return Math.hypot(x - txX, y - txY);
        }
        double[] mid = metresPerUnit(grid, 0.5 * (y + txY));
        return Math.hypot((x - txX) * mid[0], (y - txY) * mid[1]);
    }

    public ElevationGrid grid() {
        return grid;
    }

    /** First DEM column of the window around the transmitter. */
    public int col0() {
        return col0;
    }

    public int row0() {
        return row0;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double radiusM() {
        return radiusM;
    }

    public double txX() {
        return txX;
    }

    public double txY() {
        return txY;
    }

    public int rayCount() {
        return stepM.length;
    }

    /** Profile spacing of a ray, metres. */
    public double stepM(int ray) {
        return stepM[ray];
    }

    /** The ray's elevations from the transmitter outwards (shared, not copied: do not modify). */
    double[] elevationsView(int ray) {
        return elevations[ray];
    }

    /** Ray serving window cell (c, r), or −1 when the cell is outside the radius or unreached. */
    public int rayOf(int c, int r) {
        return cellRay[r * width + c];
    }

    /** The rule the rays were cast by. */
    public RayRule rule() {
        return rule;
    }

    /**
     * Index of the last sample of the path for window cell (c, r) on {@link #rayOf}: the sample
     * standing for the cell ({@link RayRule#CELL_CENTRE}) or the one before it ({@link RayRule#SPLAT_1_4}).
     */
    public int sampleOf(int c, int r) {
        return cellSample[r * width + c];
    }

    /** The path the prediction for window cell (c, r) uses, or null when none. */
    public TerrainProfile profileFor(int c, int r) {
        int ray = rayOf(c, r);
        if (ray < 0) {
            return null;
        }
        return TerrainProfile.of(stepM[ray], Arrays.copyOf(elevations[ray], sampleOf(c, r) + 1));
    }

    int[] cellRays() {
        return cellRay;
    }

    int[] cellSamples() {
        return cellSample;
    }
}
