package org.rescuemesh.coordinator.demo;

/**
 * The demo's search area: a box of hills and valleys west of Tacloban, Leyte (Philippines),
 * where typhoon response exercises are realistic.
 */
public record SearchArea(double south, double west, double north, double east) {

    public static final SearchArea DEMO = new SearchArea(11.10, 124.85, 11.22, 124.99);

    public double centerLat() {
        return (south + north) / 2;
    }

    public double centerLon() {
        return (west + east) / 2;
    }

    public boolean contains(double lat, double lon) {
        return lat >= south && lat <= north && lon >= west && lon <= east;
    }
}
