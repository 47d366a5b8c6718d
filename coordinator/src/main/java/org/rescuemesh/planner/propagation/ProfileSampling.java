package org.rescuemesh.planner.propagation;

/** How the heights of a ray's terrain profile are read from the DEM. */
public enum ProfileSampling {
    /** Bilinear between the four surrounding cell centres (the default). */
    BILINEAR,
    /** The height of the cell containing the sample point, as SPLAT! reads its SDF grid. */
    NEAREST
}
