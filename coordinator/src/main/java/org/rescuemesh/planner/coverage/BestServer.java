package org.rescuemesh.planner.coverage;

import java.util.List;

/**
 * The union coverage of several transmitters: per cell the largest margin among per-transmitter
 * rasters of the same grid and radio profile (a terminal uses the strongest server). NaN only
 * where no transmitter has a prediction.
 */
public final class BestServer implements CoverageRaster {

    private final List<CoverageRaster> rasters;

    private BestServer(List<CoverageRaster> rasters) {
        this.rasters = rasters;
    }

    public static BestServer of(List<? extends CoverageRaster> rasters) {
        if (rasters == null || rasters.isEmpty()) {
            throw new IllegalArgumentException("at least one raster is required");
        }
        CoverageRaster first = rasters.get(0);
        for (CoverageRaster raster : rasters) {
            if (!raster.grid().equals(first.grid())) {
                throw new IllegalArgumentException("best-server rasters must share one grid");
            }
            if (!raster.radioProfile().equals(first.radioProfile())) {
                throw new IllegalArgumentException("best-server rasters must share one radio profile, got "
                        + first.radioProfile() + " and " + raster.radioProfile());
            }
        }
        return new BestServer(List.copyOf(rasters));
    }

    @Override
    public RasterGrid grid() {
        return rasters.get(0).grid();
    }

    @Override
    public String radioProfile() {
        return rasters.get(0).radioProfile();
    }

    @Override
    public double marginDb(int col, int row) {
        double best = Double.NaN;
        for (CoverageRaster raster : rasters) {
            double margin = raster.marginDb(col, row);
            if (!Double.isNaN(margin) && (Double.isNaN(best) || margin > best)) {
                best = margin;
            }
        }
        return best;
    }
}
