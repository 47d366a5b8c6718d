package org.rescuemesh.planner.coverage;

import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * A search area drawn by the coordinator: a simple polygon (holes allowed) on WGS 84 with
 * x = longitude and y = latitude in degrees.
 *
 * <p>Validated on construction so that every later computation (coverage, gaps, relay
 * planning) can rely on a valid, non-empty polygon that does not cross the antimeridian.
 */
public record SearchArea(String id, String name, Polygon polygon) {

    /** Longitude span above which planar operations in degrees would wrap the antimeridian. */
    private static final double MAX_LON_SPAN_DEG = 180.0;

    public SearchArea {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("search area id must not be blank");
        }
        name = name == null ? "" : name;
        Objects.requireNonNull(polygon, "search area " + id + ": polygon must not be null");
        if (polygon.isEmpty()) {
            throw new IllegalArgumentException("search area " + id + ": polygon is empty");
        }
        for (Coordinate c : polygon.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                throw new IllegalArgumentException("search area " + id + ": non-finite coordinate " + c);
            }
            if (c.y < -90 || c.y > 90 || c.x < -180 || c.x > 180) {
                throw new IllegalArgumentException("search area " + id + ": coordinate " + c.x + " " + c.y
                        + " is outside WGS 84 (lon -180..180, lat -90..90; WKT order is lon lat)");
            }
        }
        if (polygon.getEnvelopeInternal().getWidth() >= MAX_LON_SPAN_DEG) {
            throw new IllegalArgumentException("search area " + id
                    + ": polygon spans 180 degrees of longitude or more (antimeridian crossing is not supported)");
        }
        TopologyValidationError error = new IsValidOp(polygon).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            throw new IllegalArgumentException("search area " + id + ": invalid polygon: " + error.getMessage()
                    + (at == null ? "" : " at lon " + at.x + " lat " + at.y));
        }
        if (polygon.getArea() <= 0) {
            throw new IllegalArgumentException("search area " + id + ": polygon has zero area");
        }
    }

    /**
     * Parses a search area from WKT (lon lat order). Anything other than a single POLYGON is
     * refused with a message saying what was found.
     */
    public static SearchArea fromWkt(String id, String name, String wkt) {
        if (wkt == null || wkt.isBlank()) {
            throw new IllegalArgumentException("search area " + id + ": WKT is empty");
        }
        Geometry geometry;
        try {
            geometry = new WKTReader(GeoFactory.WGS84).read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException("search area " + id + ": unreadable WKT: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // JTS refuses unclosed rings or rings of fewer than four points while building them.
            throw new IllegalArgumentException("search area " + id + ": invalid polygon: " + e.getMessage(), e);
        }
        if (!(geometry instanceof Polygon polygon)) {
            throw new IllegalArgumentException("search area " + id + ": expected a POLYGON, got "
                    + geometry.getGeometryType());
        }
        return new SearchArea(id, name, polygon);
    }

    /** Area on the WGS 84 ellipsoid in square metres. */
    public double areaM2() {
        return EllipsoidArea.of(polygon);
    }
}
