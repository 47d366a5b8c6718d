package org.rescuemesh.planner.terrain;

/**
 * Affine grid-to-CRS transform in GDAL's order: the CRS position of the top-left corner of pixel
 * (col, row) is {@code x = originX + col·pixelWidth + row·rowRotation},
 * {@code y = originY + col·columnRotation + row·pixelHeight}. North-up grids have both rotations
 * zero and a negative {@code pixelHeight}.
 */
public record GeoTransform(double originX, double pixelWidth, double rowRotation,
                           double originY, double columnRotation, double pixelHeight) {

    public GeoTransform {
        double det = pixelWidth * pixelHeight - rowRotation * columnRotation;
        if (!Double.isFinite(originX) || !Double.isFinite(originY) || !Double.isFinite(det) || det == 0) {
            throw new TerrainException("degenerate grid transform: pixel size " + pixelWidth + " × "
                    + pixelHeight + ", origin (" + originX + ", " + originY + ")");
        }
    }

    /** A north-up transform with square or rectangular cells. */
    public static GeoTransform northUp(double originX, double originY, double pixelWidth, double pixelHeightPositive) {
        return new GeoTransform(originX, pixelWidth, 0, originY, 0, -pixelHeightPositive);
    }

    /** The six coefficients as GDAL's {@code GetGeoTransform} returns them. */
    public double[] toArray() {
        return new double[] {originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight};
    }

    public boolean isNorthUp() {
        return rowRotation == 0 && columnRotation == 0 && pixelWidth > 0 && pixelHeight < 0;
    }

    /** CRS x of a fractional pixel position (0,0 = top-left corner of the grid). */
    public double x(double col, double row) {
        return originX + col * pixelWidth + row * rowRotation;
    }

    /** CRS y of a fractional pixel position. */
    public double y(double col, double row) {
        return originY + col * columnRotation + row * pixelHeight;
    }

    /** Fractional column of a CRS position (inverse transform). */
    public double col(double x, double y) {
        double dx = x - originX;
        double dy = y - originY;
        double det = pixelWidth * pixelHeight - rowRotation * columnRotation;
        return (pixelHeight * dx - rowRotation * dy) / det;
    }

    /** Fractional row of a CRS position (inverse transform). */
    public double row(double x, double y) {
        double dx = x - originX;
        double dy = y - originY;
        double det = pixelWidth * pixelHeight - rowRotation * columnRotation;
        return (-columnRotation * dx + pixelWidth * dy) / det;
    }

    /** The transform of a sub-window whose top-left pixel is (col0, row0) of this grid. */
    public GeoTransform window(int col0, int row0) {
        return new GeoTransform(x(col0, row0), pixelWidth, rowRotation, y(col0, row0), columnRotation, pixelHeight);
    }
}
