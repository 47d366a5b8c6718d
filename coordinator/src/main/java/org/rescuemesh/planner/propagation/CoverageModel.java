package org.rescuemesh.planner.propagation;

import java.util.Locale;

/** Which path-loss model fills a coverage raster. */
public enum CoverageModel {
    /** ITM (Longley-Rice) point-to-point over the terrain profile to each cell. */
    ITM,
    /** Free-space loss over the geodesic (geographic DEM) or map (projected DEM) distance; terrain ignored. */
    FSPL;

    /** Parses "itm" / "fspl" (case-insensitive). */
    public static CoverageModel parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (CoverageModel m : values()) {
            if (m.name().equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("model must be itm or fspl, got '" + text + "'");
    }
}
