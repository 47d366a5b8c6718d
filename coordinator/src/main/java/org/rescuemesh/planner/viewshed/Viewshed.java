package org.rescuemesh.planner.viewshed;

import java.nio.file.Path;

import org.rescuemesh.planner.terrain.GeoTiffWriter;
import org.rescuemesh.planner.terrain.GeoTransform;
import org.rescuemesh.planner.terrain.GridCrs;

/**
 * A computed viewshed: one unsigned byte per cell of the analysed window, {@link #VISIBLE} (255)
 * or {@link #NOT_VISIBLE} (0; also cells beyond the maximum distance), exactly like
 * gdal_viewshed's default output. The window is the whole DEM, or the DEM cropped to the square
 * around the observer when a maximum distance was given; {@link #windowCol()} and
 * {@link #windowRow()} locate it in the DEM.
 */
public final class Viewshed {
    public static final int VISIBLE = 255;
    public static final int NOT_VISIBLE = 0;

    private final byte[] cells;
    private final int width;
    private final int height;
    private final int windowCol;
    private final int windowRow;
    private final int observerCol;
    private final int observerRow;
    private final GeoTransform transform;
    private final GridCrs crs;
    private final long visibleCount;

    /** {@code visibleCount}: how many of {@code cells} are VISIBLE (the sweep counts them as it goes). */
    Viewshed(byte[] cells, int width, int height, int windowCol, int windowRow, int observerCol, int observerRow,
             GeoTransform transform, GridCrs crs, long visibleCount) {
        this.cells = cells;
        this.width = width;
        this.height = height;
        this.windowCol = windowCol;
        this.windowRow = windowRow;
        this.observerCol = observerCol;
        this.observerRow = observerRow;
        this.transform = transform;
        this.crs = crs;
        this.visibleCount = visibleCount;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Column of this window's first cell in the DEM. */
    public int windowCol() {
        return windowCol;
    }

    /** Row of this window's first cell in the DEM. */
    public int windowRow() {
        return windowRow;
    }

    /** Observer cell column in this window. */
    public int observerCol() {
        return observerCol;
    }

    /** Observer cell row in this window. */
    public int observerRow() {
        return observerRow;
    }

    /** Grid transform of the window (the DEM's, shifted to the window's corner). */
    public GeoTransform transform() {
        return transform;
    }

    public GridCrs crs() {
        return crs;
    }

    /** 0 or 255 at (col, row) of the window. */
    public int value(int col, int row) {
        if (col < 0 || col >= width || row < 0 || row >= height) {
            throw new IndexOutOfBoundsException("cell (" + col + ", " + row + ") outside the " + width + " × " + height + " viewshed");
        }
        return cells[row * width + col] & 0xFF;
    }

    public boolean isVisible(int col, int row) {
        return value(col, row) == VISIBLE;
    }

    /** Whether the cell containing CRS position (x, y) is visible; false outside the window. */
    public boolean isVisibleAt(double x, double y) {
        int c = (int) Math.floor(transform.col(x, y));
        int r = (int) Math.floor(transform.row(x, y));
        return c >= 0 && c < width && r >= 0 && r < height && (cells[r * width + c] & 0xFF) == VISIBLE;
    }

    /** Number of VISIBLE cells in the window. */
    public long visibleCount() {
        return visibleCount;
    }

    /** A copy of the row-major cell values. */
    public byte[] cells() {
        return cells.clone();
    }

    /** Writes the Byte GeoTIFF gdal_viewshed would write (same size, transform, CRS and values; no nodata). */
    public void writeGeoTiff(Path file) {
        GeoTiffWriter.writeByte(file, cells, width, height, transform, crs, -1);
    }
}
