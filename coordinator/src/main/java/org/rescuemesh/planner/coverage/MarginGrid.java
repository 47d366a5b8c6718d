package org.rescuemesh.planner.coverage;

import java.util.Arrays;

/** An in-memory {@link CoverageRaster}: one float margin per cell, row-major. */
public final class MarginGrid implements CoverageRaster {

    private final RasterGrid grid;
    private final String radioProfile;
    private final float[] marginsDb;

    private MarginGrid(RasterGrid grid, String radioProfile, float[] marginsDb) {
        this.grid = grid;
        this.radioProfile = radioProfile;
        this.marginsDb = marginsDb;
    }

    /** Copies {@code marginsDb} (row-major, width·height values, NaN = not predicted). */
    public static MarginGrid of(RasterGrid grid, String radioProfile, float[] marginsDb) {
        if (grid == null) {
            throw new IllegalArgumentException("grid must not be null");
        }
        if (radioProfile == null || radioProfile.isBlank()) {
            throw new IllegalArgumentException("radio profile must not be blank");
        }
        long cells = (long) grid.width() * grid.height();
        if (marginsDb == null || marginsDb.length != cells) {
            throw new IllegalArgumentException("expected " + cells + " margins for a " + grid.width() + "×"
                    + grid.height() + " grid, got " + (marginsDb == null ? "none" : marginsDb.length));
        }
        return new MarginGrid(grid, radioProfile, Arrays.copyOf(marginsDb, marginsDb.length));
    }

    @Override
    public RasterGrid grid() {
        return grid;
    }

    @Override
    public String radioProfile() {
        return radioProfile;
    }

    @Override
    public double marginDb(int col, int row) {
        if (col < 0 || row < 0 || col >= grid.width() || row >= grid.height()) {
            throw new IndexOutOfBoundsException("cell " + col + "," + row + " outside " + grid.width() + "×" + grid.height());
        }
        return marginsDb[row * grid.width() + col];
    }
}
