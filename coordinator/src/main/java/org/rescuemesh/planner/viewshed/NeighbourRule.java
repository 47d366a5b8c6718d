package org.rescuemesh.planner.viewshed;

/**
 * How the observer's 8 neighbouring cells are judged. They have no two processed neighbours to
 * build a reference plane from, so each GDAL version special-cases them.
 */
public enum NeighbourRule {
    /**
     * All 8 are visible and keep their own height (current GDAL; the default). An observer on a
     * summit sees the slopes falling away on every side.
     */
    ALWAYS_VISIBLE,
    /**
     * GDAL 3.6 (Debian 12's gdal_viewshed): the two on the observer's row are visible; the other
     * five are compared with the observer's ground height, so on a summit they are hidden and pass
     * that height on as a horizon, shading the downhill side. Use it to reproduce that version
     * cell for cell.
     */
    GDAL_3_6
}
