package org.rescuemesh.planner.propagation;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;

import org.rescuemesh.planner.radio.DipoleErp;
import org.rescuemesh.planner.radio.FreeSpacePathLoss;
import org.rescuemesh.planner.radio.ItmPointToPoint;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.TerrainException;

/**
 * Predicted received power of one transmitter over a DEM: dBm = 10·log10(ERP_W·1000) + 2.14 −
 * basic transmission loss (ERP referred to a half-wave dipole, isotropic receiver; SPLAT!'s
 * convention).
 *
 * <p>ITM runs as a radial sweep ({@link RadialSweep}): one terrain profile per ray to the
 * window's perimeter, one ITM point-to-point call per cell on the prefix of that profile ending
 * at the ray sample nearest the cell centre ({@link ItmPointToPoint} reads the prefix in place).
 * Rays are shared out to worker threads, each with its own {@link ItmPointToPoint}. The free-space
 * model needs no terrain and uses the exact distance to each cell centre (geodesic on
 * geographic DEMs, map distance on projected ones).
 */
public final class CoverageRasterizer {
    /** Cells per hand-out to a worker (one method call: keeps the workers' loop out of the JIT's way). */
    private static final int BATCH = 32;
    /** Paths up to this many samples are evaluated first, shortest first (see {@link #itmOrder}). */
    private static final int SHORT_PATH_SAMPLES = 48;
    /** One long path is slipped in among this many short ones (see {@link #itmOrder}). */
    private static final int SHORT_PER_LONG = 16;
    private final int threads;

    /** @param threads worker threads (≥ 1); ray casting and the ITM phase are split by rays */
    public CoverageRasterizer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /** All available processors. */
    public static CoverageRasterizer withAllProcessors() {
        return new CoverageRasterizer(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @throws TerrainException         transmitter outside the DEM or on a void
     * @throws IllegalArgumentException invalid parameters (already checked by {@link CoverageRequest})
     */
    public ReceivedPowerRaster compute(ElevationGrid dem, CoverageRequest request) {
        return compute(dem, request, RayRule.CELL_CENTRE);
    }

    /**
     * As {@link #compute(ElevationGrid, CoverageRequest)} with the rays cast by {@code rule}
     * ({@link RayRule#SPLAT_1_4} to reproduce SPLAT! 1.4.2's maps).
     *
     * @throws TerrainException transmitter outside the DEM or on a void; the SPLAT! rule on a projected DEM
     */
    public ReceivedPowerRaster compute(ElevationGrid dem, CoverageRequest request, RayRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException("ray rule is required");
        }
        double[] xy = dem.crs().fromLonLat(request.lon(), request.lat());
        if (!dem.contains(xy[0], xy[1])) {
            throw new TerrainException("transmitter (lat " + request.lat() + ", lon " + request.lon()
                    + ") is outside the DEM extent " + dem.extentText());
        }
        RadialSweep sweep = RadialSweep.cast(dem, xy[0], xy[1], request.radiusM(), rule, threads);
        return compute(sweep, request);
    }

    /** Fills the cells of an already cast sweep (the same sweep serves several requests at one site). */
    public ReceivedPowerRaster compute(RadialSweep sweep, CoverageRequest request) {
        float[] dbm = new float[sweep.width() * sweep.height()];
        Arrays.fill(dbm, Float.NaN);
        double eirpDbm = DipoleErp.eirpDbm(request.erpW());
        if (request.model() == CoverageModel.ITM) {
            fillItm(sweep, request, eirpDbm, dbm);
        } else {
            fillFreeSpace(sweep, request, eirpDbm, dbm);
        }
        return new ReceivedPowerRaster(sweep.grid(), sweep.col0(), sweep.row0(), sweep.width(), sweep.height(), dbm, request);
    }

    private void fillItm(RadialSweep sweep, CoverageRequest request, double eirpDbm, float[] dbm) {
        int[] cells = itmOrder(sweep.cellRays(), sweep.cellSamples(), sweep.rayCount());
        int total = cells.length;
        AtomicInteger next = new AtomicInteger();
        runWorkers(() -> {
            ItmPointToPoint itm = new ItmPointToPoint(request.itm());
            for (int first = next.getAndAdd(BATCH); first < total; first = next.getAndAdd(BATCH)) {
                fillItmCells(sweep, request, itm, eirpDbm, cells, first, Math.min(total, first + BATCH), dbm);
            }
        });
    }

    /**
     * The order the cells are evaluated in (the results do not depend on it, only the speed): first
     * the short paths, shortest first, then the rest ray by ray, each ray outwards. Short paths
     * first let the JIT compile the ITM methods on their call counts while their loops are
     * still short, instead of compiling each long loop on the stack first and the method again
     * later; ray by ray, outwards, keeps one profile in cache for consecutive calls.
     */
    static int[] itmOrder(int[] cellRay, int[] cellSample, int rays) {
        int longest = 0;
        int computed = 0;
        for (int cell = 0; cell < cellRay.length; cell++) {
            if (cellRay[cell] >= 0) {
                longest = Math.max(longest, cellSample[cell]);
                computed++;
            }
        }
        // stable counting sort by sample, then (for the long paths) stable counting sort by ray
        int[] bySample = countingSort(cellRay, cellSample, longest + 1, null, cellRay.length);
        int shortCount = 0;
        while (shortCount < bySample.length && cellSample[bySample[shortCount]] < SHORT_PATH_SAMPLES) {
            shortCount++;
        }
        int[] longOnes = Arrays.copyOfRange(bySample, shortCount, computed);
        int[] byRay = countingSort(cellRay, cellRay, rays, longOnes, longOnes.length);
        // every SHORT_PER_LONG short paths, one long one from across the rays: the branches that
        // only long paths take are then in the JIT's profile from the start, not compiled as traps
        // that throw the compiled code away when the first long path comes
        int previews = byRay.length == 0 ? 0 : shortCount / SHORT_PER_LONG;
        int stride = previews == 0 ? 1 : Math.max(1, byRay.length / previews);
        boolean[] previewed = new boolean[byRay.length];
        int[] order = new int[computed];
        int n = 0;
        int preview = 0;
        for (int i = 0; i < shortCount; i++) {
            order[n++] = bySample[i];
            if (i % SHORT_PER_LONG == SHORT_PER_LONG - 1 && preview < byRay.length) {
                previewed[preview] = true;
                order[n++] = byRay[preview];
                preview += stride;
            }
        }
        for (int i = 0; i < byRay.length; i++) {
            if (!previewed[i]) {
                order[n++] = byRay[i];
            }
        }
        return order;
    }

    /** Stable counting sort of the computed cells (all, or those listed in {@code from}) by {@code key}. */
    private static int[] countingSort(int[] cellRay, int[] key, int keys, int[] from, int count) {
        int[] start = new int[keys + 1];
        int n = 0;
        for (int i = 0; i < count; i++) {
            int cell = from == null ? i : from[i];
            if (cellRay[cell] >= 0) {
                start[key[cell] + 1]++;
                n++;
            }
        }
        for (int i = 0; i < keys; i++) {
            start[i + 1] += start[i];
        }
        int[] out = new int[n];
        for (int i = 0; i < count; i++) {
            int cell = from == null ? i : from[i];
            if (cellRay[cell] >= 0) {
                out[start[key[cell]]++] = cell;
            }
        }
        return out;
    }

    private static void fillItmCells(RadialSweep sweep, CoverageRequest request, ItmPointToPoint itm, double eirpDbm,
                                     int[] cells, int from, int to, float[] dbm) {
        int[] cellRay = sweep.cellRays();
        int[] cellSample = sweep.cellSamples();
        for (int i = from; i < to; i++) {
            int cell = cells[i];
            int ray = cellRay[cell];
            try {
                double loss = itm.basicLossDb(sweep.stepM(ray), sweep.elevationsView(ray), cellSample[cell] + 1,
                        request.txHeightM(), request.rxHeightM(), request.frequencyMhz());
                dbm[cell] = (float) (eirpDbm - loss);
            } catch (IllegalArgumentException e) {
                // terrain outside what ITM can evaluate: leave the cell uncomputed (NaN)
            }
        }
    }

    private void fillFreeSpace(RadialSweep sweep, CoverageRequest request, double eirpDbm, float[] dbm) {
        ElevationGrid dem = sweep.grid();
        boolean geographic = dem.crs().isGeographic();
        AtomicInteger nextRow = new AtomicInteger();
        runWorkers(() -> {
            for (int r = nextRow.getAndIncrement(); r < sweep.height(); r = nextRow.getAndIncrement()) {
                for (int c = 0; c < sweep.width(); c++) {
                    int col = sweep.col0() + c;
                    int row = sweep.row0() + r;
                    if (!sweep.isComputed(c, r)) {
                        continue;
                    }
                    double x = dem.cellCenterX(col, row);
                    double y = dem.cellCenterY(col, row);
                    double d = geographic
                            ? Geodesic.WGS84.Inverse(sweep.txY(), sweep.txX(), y, x, GeodesicMask.DISTANCE).s12
                            : Math.hypot(x - sweep.txX(), y - sweep.txY());
                    if (d > 0) {
                        dbm[r * sweep.width() + c] = (float) (eirpDbm - FreeSpacePathLoss.lossDb(d, request.frequencyMhz()));
                    }
                }
            }
        });
    }

    private void runWorkers(Runnable work) {
        ParallelWork.run(threads, work);
    }
}
