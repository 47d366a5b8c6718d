package org.rescuemesh.planner.coverage;

import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** The geometry factory for WGS 84 longitude/latitude geometries (SRID 4326). */
public final class GeoFactory {

    /** Floating precision, SRID 4326, x = longitude, y = latitude. */
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoFactory() {
    }
}
