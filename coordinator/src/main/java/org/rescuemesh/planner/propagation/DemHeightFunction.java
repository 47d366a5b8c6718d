package org.rescuemesh.planner.propagation;

import java.util.Objects;

import org.rescuemesh.planner.relay.HeightFunction;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.TerrainException;

/**
 * The relay planner's {@link HeightFunction} over a DEM: bilinear height at a WGS 84 position,
 * NaN outside the DEM or next to a void. Thread-safe (the grid is immutable; the CRS transform
 * of a projected DEM is thread-safe).
 */
public final class DemHeightFunction implements HeightFunction {
    private final ElevationGrid grid;

    public DemHeightFunction(ElevationGrid grid) {
        this.grid = Objects.requireNonNull(grid, "elevation grid is required");
    }

    @Override
    public double heightM(double lat, double lon) {
        if (grid.crs().isGeographic() && grid.crs().epsgCode() == 4326) {
            return grid.elevationAt(lon, lat);
        }
        try {
            double[] xy = grid.crs().fromLonLat(lon, lat);
            return grid.elevationAt(xy[0], xy[1]);
        } catch (TerrainException e) {
            return Double.NaN;
        }
    }
}
