package org.rescuemesh.planner.coverage;

/**
 * The geometry of a raster: size in cells and a GDAL-style affine geotransform from pixel
 * (column, row) corner coordinates to the grid CRS, plus that CRS's conversion to WGS 84.
 *
 * <p>{@code x = originX + col·pixelWidth + row·rowRotation},
 * {@code y = originY + col·columnRotation + row·pixelHeight} — the six GDAL coefficients in
 * the order (originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight), where
 * (col, row) = (0, 0) is the outer corner of the first cell and pixelHeight is usually
 * negative (north-up).
 */
public record RasterGrid(int width, int height,
                         double originX, double pixelWidth, double rowRotation,
                         double originY, double columnRotation, double pixelHeight,
                         GridCrs crs) {

    public RasterGrid {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size must be positive, got " + width + "×" + height);
        }
        double[] all = {originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("raster geotransform has a non-finite coefficient");
            }
        }
        if (pixelWidth * pixelHeight - rowRotation * columnRotation == 0) {
            throw new IllegalArgumentException("raster geotransform is singular (zero pixel size)");
        }
        if (crs == null) {
            throw new IllegalArgumentException("raster CRS conversion must not be null");
        }
    }

    /** A north-up geographic grid whose first cell's north-west corner is (west, north). */
    public static RasterGrid geographic(int width, int height, double west, double north,
                                        double cellWidthDeg, double cellHeightDeg) {
        if (!(cellWidthDeg > 0) || !(cellHeightDeg > 0)) {
            throw new IllegalArgumentException("cell size in degrees must be positive");
        }
        return new RasterGrid(width, height, west, cellWidthDeg, 0, north, 0, -cellHeightDeg, GridCrs.GEOGRAPHIC);
    }

    /** Writes lon/lat of the pixel-space point (col, row) (fractional, corners at integers). */
    public void pixelToLonLat(double col, double row, double[] lonLat) {
        double x = originX + col * pixelWidth + row * rowRotation;
        double y = originY + col * columnRotation + row * pixelHeight;
        crs.toLonLat(x, y, lonLat);
    }
}
