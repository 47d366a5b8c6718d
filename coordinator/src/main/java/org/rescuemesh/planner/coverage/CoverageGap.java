package org.rescuemesh.planner.coverage;

import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTWriter;

/** One connected uncovered part of a search area (lon/lat polygon) and its ellipsoidal area. */
public record CoverageGap(Polygon polygon, double areaM2) {

    public CoverageGap {
        if (polygon == null || polygon.isEmpty()) {
            throw new IllegalArgumentException("gap polygon must not be empty");
        }
        if (!(areaM2 >= 0)) {
            throw new IllegalArgumentException("gap area must be >= 0, got " + areaM2);
        }
    }

    /** The polygon as WKT in lon lat order (EPSG:4326), as carried by the CoverageGap message. */
    public String wkt() {
        return new WKTWriter(2).write(polygon);
    }
}
