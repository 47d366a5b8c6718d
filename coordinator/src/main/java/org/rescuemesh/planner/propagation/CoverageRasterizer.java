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
        int[] cellRay = sweep.cellRays();
        int[] cellSample = sweep.cellSamples();
        int rays = sweep.rayCount();
        // group the cells by ray (counting sort) so that a worker walks one profile at a time
        int[] start = new int[rays + 1];
        for (int ray : cellRay) {
            if (ray >= 0) {
                start[ray + 1]++;
            }
        }
        for (int i = 0; i < rays; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = Arrays.copyOf(start, rays);
        int[] cells = new int[start[rays]];
        for (int cell = 0; cell < cellRay.length; cell++) {
            if (cellRay[cell] >= 0) {
                cells[fill[cellRay[cell]]++] = cell;
            }
        }
        AtomicInteger next = new AtomicInteger();
        runWorkers(() -> {
            ItmPointToPoint itm = new ItmPointToPoint(request.itm());
            // rays are handed out in batches: fewer atomic operations, neighbouring rays share cache lines
            for (int first = next.getAndAdd(16); first < rays; first = next.getAndAdd(16)) {
                for (int ray = first; ray < Math.min(rays, first + 16); ray++) {
                    double[] z = sweep.elevationsView(ray);
                    double step = sweep.stepM(ray);
                    for (int i = start[ray]; i < start[ray + 1]; i++) {
                        int cell = cells[i];
                        int points = cellSample[cell] + 1;
                        try {
                            double loss = itm.basicLossDb(step, z, points, request.txHeightM(), request.rxHeightM(),
                                    request.frequencyMhz());
                            dbm[cell] = (float) (eirpDbm - loss);
                        } catch (IllegalArgumentException e) {
                            // terrain outside what ITM can evaluate: leave the cell uncomputed (NaN)
                        }
                    }
                }
            }
        });
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
