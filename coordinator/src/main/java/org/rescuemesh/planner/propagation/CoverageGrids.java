package org.rescuemesh.planner.propagation;

import org.rescuemesh.planner.coverage.GridCrs;
import org.rescuemesh.planner.coverage.RasterGrid;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTransform;

/**
 * Bridges the terrain layer's grid description to the coverage package's: its
 * {@link RasterGrid} (size + GDAL geotransform) and {@link GridCrs} (grid CRS → WGS 84).
 */
public final class CoverageGrids {
    private CoverageGrids() {
    }

    /** The coverage package's view of a terrain CRS; the identity for EPSG:4326. */
    public static GridCrs crsOf(org.rescuemesh.planner.terrain.GridCrs crs) {
        if (crs.isGeographic() && crs.epsgCode() == 4326) {
            return GridCrs.GEOGRAPHIC;
        }
        return (x, y, lonLat) -> {
            double[] ll = crs.toLonLat(x, y);
            lonLat[0] = ll[0];
            lonLat[1] = ll[1];
        };
    }

    /** The raster geometry of a DEM. */
    public static RasterGrid gridOf(ElevationGrid dem) {
        return gridOf(dem.width(), dem.height(), dem.transform(), dem.crs());
    }

    static RasterGrid gridOf(int width, int height, GeoTransform t, org.rescuemesh.planner.terrain.GridCrs crs) {
        return new RasterGrid(width, height, t.originX(), t.pixelWidth(), t.rowRotation(), t.originY(),
                t.columnRotation(), t.pixelHeight(), crsOf(crs));
    }
}
