package org.rescuemesh.planner.coverage;

/**
 * Conversion from a raster's own coordinate reference system to WGS 84 longitude/latitude.
 *
 * <p>For a geographic (EPSG:4326) grid this is the identity ({@link #GEOGRAPHIC}); for a
 * projected DEM (UTM) the terrain layer wraps its Apache SIS {@code MathTransform} here.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface GridCrs {

    /** Grid coordinates already are longitude (x) and latitude (y) in degrees. */
    GridCrs GEOGRAPHIC = (x, y, lonLat) -> {
        lonLat[0] = x;
        lonLat[1] = y;
    };

    /**
     * Writes the longitude (index 0) and latitude (index 1) in degrees of the point (x, y)
     * given in the grid's CRS into {@code lonLat}.
     */
    void toLonLat(double x, double y, double[] lonLat);
}
