package org.rescuemesh.planner.propagation;

/**
 * Which rays a coverage run casts and which path stands for a cell. The default is the
 * physically better choice; {@link #SPLAT_1_4} reproduces SPLAT! 1.4.2 so that its maps can be
 * compared cell for cell.
 */
public enum RayRule {
    /**
     * Rays to the centre of every perimeter cell of the window around the radius, WGS 84 geodesic
     * positions, bilinear heights; a cell within the radius (by its centre) takes the ray sample
     * nearest its centre, and its path ends at that sample (the default).
     */
    CELL_CENTRE,
    /**
     * SPLAT! 1.4.2's geometry, as its {@code .ano} output shows it: rays to every outermost cell
     * centre of the whole DEM, its north edge first (east to west), then east (north to south),
     * south (east to west) and west (south to north); a sphere of 3,959 miles for positions and
     * distances; one sample per pixel-space unit along the ray (pixels not scaled by cos φ); the
     * height of the cell each sample rounds to; samples up to the radius (by the sample's own
     * distance). A cell takes the first sample, in ray order, that rounds to it, from the second
     * sample of a ray on; its path ends one sample short of that sample. Geographic DEMs only.
     * With the free-space model the same cells are computed, at their centre's distance.
     */
    SPLAT_1_4
}
