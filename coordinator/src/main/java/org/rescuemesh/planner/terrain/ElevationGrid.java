package org.rescuemesh.planner.terrain;

import java.nio.FloatBuffer;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicLine;
import net.sf.geographiclib.GeodesicMask;
import net.sf.geographiclib.GeodesicData;

/**
 * A digital elevation model: {@code width × height} float samples in row-major order (row 0 at the
 * top), an affine {@link GeoTransform} from pixel corners to CRS coordinates, the {@link GridCrs}
 * and an optional nodata value. Samples are heights in metres above the vertical datum.
 *
 * <p>The samples are never copied by this class: a grid wraps the buffer it is given (heap array or
 * memory-mapped file, see {@link SampleStorage}) and hands out read-only views or row copies into
 * caller-owned arrays. Whoever creates a grid must not modify the buffer afterwards.
 */
public final class ElevationGrid {
    private final int width;
    private final int height;
    private final GeoTransform transform;
    private final GridCrs crs;
    private final float nodata;
    private final FloatBuffer samples;

    private ElevationGrid(int width, int height, GeoTransform transform, GridCrs crs, float nodata, FloatBuffer samples) {
        if (width <= 0 || height <= 0) {
            throw new TerrainException("grid size must be positive, got " + width + " × " + height);
        }
        if (samples.capacity() != (long) width * height) {
            throw new TerrainException("grid of " + width + " × " + height + " needs " + ((long) width * height)
                    + " samples, got " + samples.capacity());
        }
        if (transform == null || crs == null) {
            throw new TerrainException("a grid needs a transform and a CRS");
        }
        this.width = width;
        this.height = height;
        this.transform = transform;
        this.crs = crs;
        this.nodata = nodata;
        this.samples = samples.asReadOnlyBuffer();
    }

    /**
     * Wraps row-major samples without copying them.
     *
     * @param nodata the value marking voids, or {@code Float.NaN} when the grid has none (NaN
     *               samples then count as voids)
     */
    public static ElevationGrid of(float[] samples, int width, int height, GeoTransform transform, GridCrs crs, float nodata) {
        return new ElevationGrid(width, height, transform, crs, nodata, FloatBuffer.wrap(samples));
    }

    /** Wraps a buffer (heap or memory-mapped, position 0, capacity width·height) without copying it. */
    public static ElevationGrid of(FloatBuffer samples, int width, int height, GeoTransform transform, GridCrs crs, float nodata) {
        return new ElevationGrid(width, height, transform, crs, nodata, samples.duplicate().position(0));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public long cellCount() {
        return (long) width * height;
    }

    public GeoTransform transform() {
        return transform;
    }

    public GridCrs crs() {
        return crs;
    }

    /** The nodata value, NaN when the grid declares none (NaN samples are voids either way). */
    public float nodata() {
        return nodata;
    }

    public boolean isNoData(float v) {
        return Float.isNaN(v) || v == nodata;
    }

    /** Sample at (col, row); throws {@link TerrainException} outside the grid. */
    public float get(int col, int row) {
        if (col < 0 || col >= width || row < 0 || row >= height) {
            throw new TerrainException("cell (" + col + ", " + row + ") is outside the " + width + " × " + height + " grid");
        }
        return samples.get(row * width + col);
    }

    /** Copies {@code length} samples of {@code row} starting at {@code col0} into {@code dst[dstOffset…]}. */
    public void readRow(int row, int col0, float[] dst, int dstOffset, int length) {
        if (row < 0 || row >= height || col0 < 0 || length < 0 || col0 + length > width) {
            throw new TerrainException("row window (" + col0 + "+" + length + ", " + row + ") is outside the "
                    + width + " × " + height + " grid");
        }
        samples.get(row * width + col0, dst, dstOffset, length);
    }

    /** A read-only view of all samples (row-major); no copy. */
    public FloatBuffer samples() {
        return samples.duplicate();
    }

    /** CRS x of the centre of cell (col, row). */
    public double cellCenterX(int col, int row) {
        return transform.x(col + 0.5, row + 0.5);
    }

    /** CRS y of the centre of cell (col, row). */
    public double cellCenterY(int col, int row) {
        return transform.y(col + 0.5, row + 0.5);
    }

    /** Column of the cell containing CRS position (x, y); may be outside 0..width-1. */
    public int colOf(double x, double y) {
        return (int) Math.floor(transform.col(x, y));
    }

    /** Row of the cell containing CRS position (x, y); may be outside 0..height-1. */
    public int rowOf(double x, double y) {
        return (int) Math.floor(transform.row(x, y));
    }

    public boolean contains(double x, double y) {
        double c = transform.col(x, y);
        double r = transform.row(x, y);
        return c >= 0 && c < width && r >= 0 && r < height;
    }

    /** Fails with a message naming the position and the grid extent when (x, y) is outside the grid. */
    public void requireContains(double x, double y, String what) {
        if (!contains(x, y)) {
            throw new TerrainException(what + " (" + x + ", " + y + ") is outside the DEM extent " + extentText());
        }
    }

    /** "[xmin, xmax] × [ymin, ymax] (EPSG:…)" for messages. */
    public String extentText() {
        double x0 = transform.x(0, 0), x1 = transform.x(width, height);
        double y0 = transform.y(0, 0), y1 = transform.y(width, height);
        return "x " + Math.min(x0, x1) + ".." + Math.max(x0, x1) + ", y " + Math.min(y0, y1) + ".." + Math.max(y0, y1)
                + " (" + crs.code() + ")";
    }

    /**
     * Height at a CRS position by bilinear interpolation between the four surrounding cell
     * centres (clamped at the grid edge). NaN outside the grid or next to a void.
     */
    public double elevationAt(double x, double y) {
        double c = transform.col(x, y) - 0.5;
        double r = transform.row(x, y) - 0.5;
        if (!(c >= -0.5 && c <= width - 0.5 && r >= -0.5 && r <= height - 0.5)) {
            return Double.NaN;
        }
        c = Math.min(Math.max(c, 0), width - 1);
        r = Math.min(Math.max(r, 0), height - 1);
        int c0 = Math.min((int) c, width - 2 < 0 ? 0 : width - 2);
        int r0 = Math.min((int) r, height - 2 < 0 ? 0 : height - 2);
        int c1 = Math.min(c0 + 1, width - 1);
        int r1 = Math.min(r0 + 1, height - 1);
        double fc = c - c0;
        double fr = r - r0;
        float z00 = samples.get(r0 * width + c0);
        float z01 = samples.get(r0 * width + c1);
        float z10 = samples.get(r1 * width + c0);
        float z11 = samples.get(r1 * width + c1);
        if (isNoData(z00) || isNoData(z01) || isNoData(z10) || isNoData(z11)) {
            return Double.NaN;
        }
        double top = z00 + (z01 - z00) * fc;
        double bottom = z10 + (z11 - z10) * fc;
        return top + (bottom - top) * fr;
    }

    /**
     * Terrain profile between two CRS positions with {@code points} equally spaced samples
     * (bilinear). In a projected CRS the path is the straight line on the map and the step is the
     * map distance; in a geographic CRS the path is the WGS 84 geodesic and the step its length in
     * metres.
     */
    public TerrainProfile profile(double x0, double y0, double x1, double y1, int points) {
        if (points < 2) {
            throw new TerrainException("a profile needs at least 2 points, got " + points);
        }
        requireContains(x0, y0, "profile start");
        requireContains(x1, y1, "profile end");
        double[] z = new double[points];
        double length;
        if (crs.isGeographic()) {
            GeodesicLine line = Geodesic.WGS84.InverseLine(y0, x0, y1, x1,
                    GeodesicMask.DISTANCE_IN | GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE);
            length = line.Distance();
            for (int i = 0; i < points; i++) {
                GeodesicData p = line.Position(length * i / (points - 1));
                z[i] = elevationAt(p.lon2, p.lat2);
            }
        } else {
            length = Math.hypot(x1 - x0, y1 - y0);
            for (int i = 0; i < points; i++) {
                double f = (double) i / (points - 1);
                z[i] = elevationAt(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
            }
        }
        if (length == 0) {
            throw new TerrainException("profile start and end are the same point (" + x0 + ", " + y0 + ")");
        }
        return new TerrainProfile(z, length / (points - 1));
    }

    /** Profile whose step is at most {@code maxStepMetres} (at least 2 points). */
    public TerrainProfile profileWithStep(double x0, double y0, double x1, double y1, double maxStepMetres) {
        if (!(maxStepMetres > 0)) {
            throw new TerrainException("profile step must be positive, got " + maxStepMetres);
        }
        double length = crs.isGeographic()
                ? Geodesic.WGS84.Inverse(y0, x0, y1, x1, GeodesicMask.DISTANCE).s12
                : Math.hypot(x1 - x0, y1 - y0);
        int points = (int) Math.max(2, Math.ceil(length / maxStepMetres) + 1);
        return profile(x0, y0, x1, y1, points);
    }

    /** Profile between two WGS 84 longitude/latitude positions, whatever the grid's CRS. */
    public TerrainProfile profileLonLat(double lon0, double lat0, double lon1, double lat1, int points) {
        double[] a = crs.fromLonLat(lon0, lat0);
        double[] b = crs.fromLonLat(lon1, lat1);
        return profile(a[0], a[1], b[0], b[1], points);
    }

    /** Approximate cell size in metres along x and y at the grid centre (degrees converted on geographic grids). */
    public double[] cellSizeMetres() {
        double pw = Math.hypot(transform.pixelWidth(), transform.columnRotation());
        double ph = Math.hypot(transform.rowRotation(), transform.pixelHeight());
        if (crs.isProjected()) {
            return new double[] {pw, ph};
        }
        double lat = transform.y(width / 2.0, height / 2.0);
        double mPerDeg = Math.PI / 180 * crs.semiMajorAxisMetres();
        return new double[] {pw * mPerDeg * Math.cos(Math.toRadians(lat)), ph * mPerDeg};
    }

    @Override
    public String toString() {
        return "ElevationGrid[" + width + " × " + height + ", " + crs.code() + ", origin (" + transform.originX() + ", "
                + transform.originY() + "), pixel " + transform.pixelWidth() + " × " + transform.pixelHeight() + "]";
    }
}
