package org.rescuemesh.planner.coverage;

import java.util.Arrays;

/**
 * The search areas discretised into sample cells for planning: cell centres (lat/lon) that lie
 * inside at least one search area, each with its area on the ellipsoid. A cell inside several
 * overlapping areas appears once, so sums over cells measure the union of the areas.
 */
public final class SampleCells {

    private final double[] lat;
    private final double[] lon;
    private final double[] areaM2;
    private final double totalAreaM2;
    private final double spacingM;

    SampleCells(double[] lat, double[] lon, double[] areaM2, double spacingM) {
        this.lat = lat;
        this.lon = lon;
        this.areaM2 = areaM2;
        this.totalAreaM2 = Arrays.stream(areaM2).sum();
        this.spacingM = spacingM;
    }

    public int size() {
        return lat.length;
    }

    public double lat(int cell) {
        return lat[cell];
    }

    public double lon(int cell) {
        return lon[cell];
    }

    public double areaM2(int cell) {
        return areaM2[cell];
    }

    /** Sum of all cell areas: the sampled area of the union of the search areas. */
    public double totalAreaM2() {
        return totalAreaM2;
    }

    /** Nominal cell spacing in metres. */
    public double spacingM() {
        return spacingM;
    }
}
