package org.rescuemesh.planner.propagation;

import java.util.Objects;
import java.util.function.Function;

import org.rescuemesh.planner.radio.FreeSpacePathLoss;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.radio.ItmPointToPoint;
import org.rescuemesh.planner.radio.RadioCatalogue;
import org.rescuemesh.planner.radio.RadioProfile;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.LinkPredictor;
import org.rescuemesh.planner.relay.PredictedLink;
import org.rescuemesh.planner.relay.Site;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.TerrainException;

/**
 * The relay planner's {@link LinkPredictor} on real terrain: ITM point-to-point over the DEM
 * profile between the two sites (geodesic on geographic DEMs, straight on projected ones, one
 * point per DEM cell, see {@link PathSampler}), margins from each end's {@link RadioProfile}. Each direction uses the
 * transmitting end's frequency, so two ends on different frequencies cost two ITM runs.
 *
 * <p>Thread-safe: each thread gets its own {@link ItmPointToPoint} (which keeps scratch buffers).
 * A pair that cannot be predicted (a site outside the DEM or over a void, or terrain ITM cannot
 * evaluate) gives NaN margins, which the planner treats as no link. Antenna heights below ITM's
 * 0.5 m floor (a radio lying on the ground) are raised to 0.5 m. Sites closer than one DEM cell
 * are predicted in free space over max(distance, 1 m): there is no terrain profile between them.
 */
public final class ItmLinkPredictor implements LinkPredictor {
    private static final double MIN_HEIGHT_M = 0.5;
    private static final double MAX_HEIGHT_M = 3000.0;

    private final ElevationGrid grid;
    private final Function<String, RadioProfile> profiles;
    private final double stepM;
    private final ThreadLocal<ItmPointToPoint> itm;

    /** Radio profiles from {@link RadioCatalogue}. */
    public ItmLinkPredictor(ElevationGrid grid, ItmParameters parameters) {
        this(grid, parameters, RadioCatalogue::byName);
    }

    /** @param profiles resolves a site's radio-profile name (throws for unknown names) */
    public ItmLinkPredictor(ElevationGrid grid, ItmParameters parameters, Function<String, RadioProfile> profiles) {
        this.grid = Objects.requireNonNull(grid, "elevation grid is required");
        Objects.requireNonNull(parameters, "ITM parameters are required");
        this.profiles = Objects.requireNonNull(profiles, "radio profiles are required");
        double[] cell = grid.cellSizeMetres();
        this.stepM = Math.min(cell[0], cell[1]);
        this.itm = ThreadLocal.withInitial(() -> new ItmPointToPoint(parameters));
    }

    @Override
    public PredictedLink predict(Site a, Site b) {
        RadioProfile pa = profiles.apply(a.radioProfile());
        RadioProfile pb = profiles.apply(b.radioProfile());
        double forwardLoss = basicLossDb(a, b, pa.frequencyMhz());
        double reverseLoss = pa.frequencyMhz() == pb.frequencyMhz() ? forwardLoss : basicLossDb(a, b, pb.frequencyMhz());
        // margin(a→b) = what a radiates minus the path, as b receives it, above b's sensitivity
        double forward = pa.eirpDbm() - forwardLoss + pb.rxAntennaGainDbi() - pb.rxLossesDb() - pb.sensitivityDbm();
        double reverse = pb.eirpDbm() - reverseLoss + pa.rxAntennaGainDbi() - pa.rxLossesDb() - pa.sensitivityDbm();
        return new PredictedLink(forward, reverse);
    }

    /** Basic transmission loss between the two sites at {@code frequencyMhz}, dB; NaN when it cannot be predicted. */
    public double basicLossDb(Site a, Site b, double frequencyMhz) {
        GeoPoint pa = a.position();
        GeoPoint pb = b.position();
        double approxM = pa.distanceM(pb);
        try {
            if (approxM < stepM) {
                return FreeSpacePathLoss.lossDb(Math.max(approxM, 1.0), frequencyMhz);
            }
            double[] xa = grid.crs().fromLonLat(pa.lon(), pa.lat());
            double[] xb = grid.crs().fromLonLat(pb.lon(), pb.lat());
            PathSampler.SampledPath path = PathSampler.sample(grid, xa[0], xa[1], xb[0], xb[1], stepM);
            if (path == null) {
                return Double.NaN;
            }
            double[] z = path.elevations();
            return itm.get().basicLossDb(path.stepM(), z, z.length, clampHeight(a.antennaHeightM()),
                    clampHeight(b.antennaHeightM()), frequencyMhz);
        } catch (TerrainException | IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    private static double clampHeight(double h) {
        return Math.min(MAX_HEIGHT_M, Math.max(MIN_HEIGHT_M, h));
    }
}
