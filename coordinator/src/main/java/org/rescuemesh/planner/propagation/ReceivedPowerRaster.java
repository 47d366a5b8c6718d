package org.rescuemesh.planner.propagation;

import java.nio.file.Path;

import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTiffWriter;
import org.rescuemesh.planner.terrain.GeoTransform;
import org.rescuemesh.planner.terrain.GridCrs;

/**
 * Predicted received power (dBm at an isotropic receiver) for one transmitter over a window of
 * a DEM's cells; NaN where nothing was computed (beyond the radius, voids). The window lies on
 * the DEM's pixel lattice: window cell (c, r) is DEM cell (col0 + c, row0 + r). Immutable.
 */
public final class ReceivedPowerRaster {
    private final int demWidth;
    private final int demHeight;
    private final GeoTransform demTransform;
    private final GridCrs crs;
    private final int col0;
    private final int row0;
    private final int width;
    private final int height;
    private final float[] dbm;
    private final CoverageRequest request;

    ReceivedPowerRaster(ElevationGrid dem, int col0, int row0, int width, int height, float[] dbm, CoverageRequest request) {
        this.demWidth = dem.width();
        this.demHeight = dem.height();
        this.demTransform = dem.transform();
        this.crs = dem.crs();
        this.col0 = col0;
        this.row0 = row0;
        this.width = width;
        this.height = height;
        this.dbm = dbm;
        this.request = request;
    }

    public CoverageRequest request() {
        return request;
    }

    public GridCrs crs() {
        return crs;
    }

    public int col0() {
        return col0;
    }

    public int row0() {
        return row0;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Geotransform of the window (same pixel lattice as the DEM). */
    public GeoTransform transform() {
        return demTransform.window(col0, row0);
    }

    /** Received power at window cell (c, r), dBm; NaN where not computed. */
    public double dbmAt(int c, int r) {
        return dbm[r * width + c];
    }

    /** Received power at DEM cell (col, row), dBm; NaN outside the window or where not computed. */
    public double dbmAtDemCell(int col, int row) {
        int c = col - col0;
        int r = row - row0;
        if (c < 0 || c >= width || r < 0 || r >= height) {
            return Double.NaN;
        }
        return dbm[r * width + c];
    }

    /** Cells with a value. */
    public int computedCells() {
        int n = 0;
        for (float v : dbm) {
            if (!Float.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** Cells at or above {@code thresholdDbm}. */
    public int cellsAtOrAbove(double thresholdDbm) {
        int n = 0;
        for (float v : dbm) {
            if (v >= thresholdDbm) {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes a Float32 GeoTIFF covering the whole DEM on its grid (the CLI's contract), NaN
     * outside the computed window.
     */
    public void writeGeoTiff(Path file) {
        float[] all = new float[Math.multiplyExact(demWidth, demHeight)];
        java.util.Arrays.fill(all, Float.NaN);
        for (int r = 0; r < height; r++) {
            System.arraycopy(dbm, r * width, all, (row0 + r) * demWidth + col0, width);
        }
        GeoTiffWriter.writeFloat32(file, all, demWidth, demHeight, demTransform, crs, Float.NaN);
    }
}
