package org.rescuemesh.planner.propagation;

import java.util.List;

import org.rescuemesh.planner.coverage.CoverageRaster;
import org.rescuemesh.planner.coverage.RasterGrid;
import org.rescuemesh.planner.radio.RadioProfile;

/**
 * A {@link CoverageRaster} (what search-area coverage and gap polygons are computed from) made
 * of received-power rasters of one or more transmitters on the same DEM: the best server's
 * power at an isotropic antenna, plus the receiver's antenna gain, minus its losses and
 * sensitivity. The grid is the computed windows' bounding box on the DEM's lattice.
 */
public final class LinkMarginRaster implements CoverageRaster {
    private final List<ReceivedPowerRaster> transmitters;
    private final RadioProfile receiver;
    private final RasterGrid grid;
    private final int col0;
    private final int row0;

    public LinkMarginRaster(List<ReceivedPowerRaster> transmitters, RadioProfile receiver) {
        if (transmitters == null || transmitters.isEmpty()) {
            throw new IllegalArgumentException("at least one received-power raster is required");
        }
        if (receiver == null) {
            throw new IllegalArgumentException("receiver radio profile is required");
        }
        this.transmitters = List.copyOf(transmitters);
        this.receiver = receiver;
        ReceivedPowerRaster first = this.transmitters.get(0);
        int c0 = Integer.MAX_VALUE, r0 = Integer.MAX_VALUE, c1 = Integer.MIN_VALUE, r1 = Integer.MIN_VALUE;
        for (ReceivedPowerRaster t : this.transmitters) {
            if (!t.crs().equals(first.crs()) || !t.transform().window(-t.col0(), -t.row0())
                    .equals(first.transform().window(-first.col0(), -first.row0()))) {
                throw new IllegalArgumentException("received-power rasters must come from the same DEM");
            }
            c0 = Math.min(c0, t.col0());
            r0 = Math.min(r0, t.row0());
            c1 = Math.max(c1, t.col0() + t.width());
            r1 = Math.max(r1, t.row0() + t.height());
        }
        this.col0 = c0;
        this.row0 = r0;
        this.grid = CoverageGrids.gridOf(c1 - c0, r1 - r0,
                first.transform().window(c0 - first.col0(), r0 - first.row0()), first.crs());
    }

    @Override
    public RasterGrid grid() {
        return grid;
    }

    @Override
    public String radioProfile() {
        return receiver.name();
    }

    @Override
    public double marginDb(int col, int row) {
        double best = Double.NaN;
        for (ReceivedPowerRaster t : transmitters) {
            double v = t.dbmAtDemCell(col0 + col, row0 + row);
            if (!(v <= best)) {
                best = Double.isNaN(v) ? best : v;
            }
        }
        return Double.isNaN(best) ? best : best + receiver.rxAntennaGainDbi() - receiver.rxLossesDb() - receiver.sensitivityDbm();
    }
}
