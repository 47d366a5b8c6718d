package org.rescuemesh.planner.relay;

/**
 * How much of the surroundings a relay at a point would see, larger is better (e.g. the
 * fraction of a 10 km disc visible in the viewshed from that point); NaN where unknown.
 * Expected to be a lookup into a precomputed raster: the candidate generator calls it once
 * per sample cell. Must be thread-safe.
 */
@FunctionalInterface
public interface VisibilityIndex {
    double score(double lat, double lon);
}
