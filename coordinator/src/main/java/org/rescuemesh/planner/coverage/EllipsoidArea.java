package org.rescuemesh.planner.coverage;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Areas of longitude/latitude geometries on the WGS 84 ellipsoid (geodesic edges, Karney's
 * algorithm via GeographicLib). Planar area in square degrees would be off by cos(latitude);
 * treating each edge as a geodesic rather than the straight line drawn on a map changes the
 * area of a 30 km search area by far less than the cell size of any coverage raster.
 */
public final class EllipsoidArea {

    private EllipsoidArea() {
    }

    /** Area in m² of a polygon or multipolygon (shells minus holes); 0 for other geometries. */
    public static double of(Geometry geometry) {
        double total = 0;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part instanceof Polygon polygon && !polygon.isEmpty()) {
                total += ringArea(polygon.getExteriorRing());
                for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                    total -= ringArea(polygon.getInteriorRingN(h));
                }
            }
        }
        return total;
    }

    /** Area in m² of the lon/lat box [west, east] × [south, north]. */
    public static double ofBox(double west, double south, double east, double north) {
        PolygonArea area = new PolygonArea(Geodesic.WGS84, false);
        area.AddPoint(south, west);
        area.AddPoint(south, east);
        area.AddPoint(north, east);
        area.AddPoint(north, west);
        return Math.abs(area.Compute(false, true).area);
    }

    private static double ringArea(LineString ring) {
        Coordinate[] coordinates = ring.getCoordinates();
        PolygonArea area = new PolygonArea(Geodesic.WGS84, false);
        // The closing point repeats the first one; GeographicLib closes rings itself.
        for (int i = 0; i < coordinates.length - 1; i++) {
            area.AddPoint(coordinates[i].y, coordinates[i].x);
        }
        return Math.abs(area.Compute(false, true).area);
    }
}
