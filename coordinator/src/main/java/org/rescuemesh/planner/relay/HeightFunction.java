package org.rescuemesh.planner.relay;

/**
 * Terrain height at a point, in metres above the vertical datum; NaN where unknown (void or
 * outside the DEM). The terrain layer's elevation grid (bilinear sampling) implements this
 * with one method reference. Must be thread-safe.
 */
@FunctionalInterface
public interface HeightFunction {
    double heightM(double lat, double lon);
}
