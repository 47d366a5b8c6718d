package org.rescuemesh.planner.terrain;

import java.util.Objects;

import javax.measure.Unit;

import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.IdentifiedObjects;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.apache.sis.measure.Units;
import org.apache.sis.util.Utilities;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.crs.ProjectedCRS;
import org.opengis.referencing.datum.Ellipsoid;
import org.opengis.referencing.datum.GeodeticDatum;
import org.opengis.referencing.crs.SingleCRS;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.util.FactoryException;
import org.opengis.referencing.operation.TransformException;

/**
 * The coordinate reference system of a grid, reduced to what the planner needs: an EPSG code
 * (which the GeoTIFF writer and GDAL understand), whether coordinates are metres on a projection or
 * degrees of longitude/latitude, and the ellipsoid's semi-major axis (GDAL's viewshed takes the
 * earth diameter as twice this). Coordinates are always in (x = east / longitude, y = north /
 * latitude) order, whatever axis order the EPSG definition declares.
 */
public final class GridCrs {

    /** Projected grids are in metres; geographic grids in degrees. */
    public enum Kind { PROJECTED, GEOGRAPHIC }

    private static final double WGS84_A = 6378137.0;

    private final int epsgCode;
    private final Kind kind;
    private final double semiMajorAxisMetres;
    /** Null for a WGS 84 UTM zone until asked for (see {@link #name()}). */
    private volatile String name;
    /**
     * SIS view with east/north (longitude/latitude) axis order, for coordinate operations. Created
     * lazily for the WGS 84 codes known here, so reading a DEM and running a viewshed never pay for
     * initialising Apache SIS's referencing.
     */
    private volatile CoordinateReferenceSystem normalized;
    private volatile MathTransform toLonLat;
    private volatile MathTransform fromLonLat;

    private GridCrs(int epsgCode, Kind kind, double semiMajorAxisMetres, String name,
                    CoordinateReferenceSystem normalized) {
        this.epsgCode = epsgCode;
        this.kind = kind;
        this.semiMajorAxisMetres = semiMajorAxisMetres;
        this.name = name;
        this.normalized = normalized;
    }

    /** WGS 84 longitude/latitude in degrees (EPSG:4326), the CRS of SRTM tiles. */
    public static GridCrs wgs84() {
        return Wgs84Holder.INSTANCE;
    }

    /** WGS 84 / UTM zone {@code zone} north or south (EPSG:326zz / 327zz). */
    public static GridCrs utm(int zone, boolean north) {
        if (zone < 1 || zone > 60) {
            throw new TerrainException("UTM zone must be 1..60, got " + zone);
        }
        return fromEpsg((north ? 32600 : 32700) + zone);
    }

    /** A CRS by EPSG code; codes SIS knows without an EPSG database include 4326 and the WGS 84 UTM zones. */
    public static GridCrs fromEpsg(int code) {
        if (code == 4326) {
            return new GridCrs(4326, Kind.GEOGRAPHIC, WGS84_A, "WGS 84", null);
        }
        if (isWgs84Utm(code)) {
            // Named on demand: reading a UTM DEM then involves no string concatenation, whose first use
            // bootstraps invokedynamic (~15 ms of a short CLI run).
            return new GridCrs(code, Kind.PROJECTED, WGS84_A, null, null);
        }
        CoordinateReferenceSystem crs;
        SisLogging.quiet();
        try {
            crs = CRS.forCode("EPSG:" + code);
        } catch (FactoryException | RuntimeException e) {
            throw new TerrainException("unsupported CRS EPSG:" + code + " (" + e.getMessage() + ")", e);
        }
        return classify(crs, code);
    }

    private static boolean isWgs84Utm(int code) {
        return (code > 32600 && code <= 32660) || (code > 32700 && code <= 32760);
    }

    /** Wraps a CRS read by Apache SIS (e.g. from a GeoTIFF). */
    public static GridCrs fromSis(CoordinateReferenceSystem crs) {
        SisLogging.quiet();
        if (crs == null) {
            throw new TerrainException("unsupported CRS: the DEM has no coordinate reference system");
        }
        Integer code = null;
        try {
            code = IdentifiedObjects.lookupEPSG(crs);
        } catch (FactoryException | RuntimeException e) {
            // No EPSG database here: fall back to the identifiers the file declared.
        }
        if (code == null) {
            for (org.opengis.referencing.ReferenceIdentifier id : crs.getIdentifiers()) {
                if (id.getCodeSpace() != null && id.getCodeSpace().equalsIgnoreCase("EPSG")) {
                    code = parseEpsg("EPSG:" + id.getCode());
                }
            }
        }
        if (code == null) {
            code = parseEpsg(IdentifiedObjects.getIdentifierOrName(crs));
        }
        if (code == null && crs instanceof GeographicCRS) {
            // GeoTIFF stores geographic CRSs in longitude/latitude order, which SIS does not match
            // against EPSG:4326 (latitude first) by lookup; compare the normalized forms instead.
            CoordinateReferenceSystem normalized = AbstractCRS.castOrCopy(crs).forConvention(AxesConvention.RIGHT_HANDED);
            if (Utilities.equalsIgnoreMetadata(normalized, CommonCRS.WGS84.normalizedGeographic())) {
                code = 4326;
            }
        }
        if (code == null) {
            throw new TerrainException("unsupported CRS \"" + IdentifiedObjects.getName(crs, null)
                    + "\": no EPSG code could be identified (use a projected CRS in metres or WGS 84 with an EPSG code)");
        }
        return classify(crs, code);
    }

    private static Integer parseEpsg(String id) {
        if (id == null) {
            return null;
        }
        String s = id.trim();
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && s.substring(0, colon).toUpperCase().contains("EPSG")) {
            try {
                return Integer.parseInt(s.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static GridCrs classify(CoordinateReferenceSystem crs, int code) {
        CoordinateReferenceSystem horizontal = CRS.getHorizontalComponent(crs);
        if (horizontal == null || horizontal.getCoordinateSystem().getDimension() != 2) {
            throw new TerrainException("unsupported CRS EPSG:" + code + ": not a 2-D horizontal CRS");
        }
        Kind kind;
        Unit<?> expected;
        if (horizontal instanceof ProjectedCRS) {
            kind = Kind.PROJECTED;
            expected = Units.METRE;
        } else if (horizontal instanceof GeographicCRS) {
            kind = Kind.GEOGRAPHIC;
            expected = Units.DEGREE;
        } else {
            throw new TerrainException("unsupported CRS EPSG:" + code + " (" + IdentifiedObjects.getName(crs, null)
                    + "): only projected CRSs in metres and geographic CRSs in degrees are supported");
        }
        for (int i = 0; i < 2; i++) {
            Unit<?> unit = horizontal.getCoordinateSystem().getAxis(i).getUnit();
            if (unit == null || !unit.equals(expected)) {
                throw new TerrainException("unsupported CRS EPSG:" + code + " (" + IdentifiedObjects.getName(crs, null)
                        + "): axis unit " + unit + ", expected " + expected);
            }
        }
        Ellipsoid ellipsoid = horizontal instanceof SingleCRS single && single.getDatum() instanceof GeodeticDatum gd
                ? gd.getEllipsoid() : null;
        double a = ellipsoid == null ? 6378137.0
                : ellipsoid.getAxisUnit().getConverterTo(Units.METRE).convert(ellipsoid.getSemiMajorAxis());
        CoordinateReferenceSystem normalized = AbstractCRS.castOrCopy(horizontal).forConvention(AxesConvention.RIGHT_HANDED);
        return new GridCrs(code, kind, a, IdentifiedObjects.getName(horizontal, null), normalized);
    }

    public int epsgCode() {
        return epsgCode;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isGeographic() {
        return kind == Kind.GEOGRAPHIC;
    }

    public boolean isProjected() {
        return kind == Kind.PROJECTED;
    }

    public double semiMajorAxisMetres() {
        return semiMajorAxisMetres;
    }

    /** Twice the semi-major axis: the earth diameter GDAL's viewshed uses for its curvature term. */
    public double earthDiameterMetres() {
        return 2 * semiMajorAxisMetres;
    }

    public String name() {
        String n = name;
        if (n == null && isWgs84Utm(epsgCode)) {
            n = name = "WGS 84 / UTM zone " + (epsgCode % 100) + (epsgCode < 32700 ? "N" : "S");
        }
        return n;
    }

    /** "EPSG:32651" style identifier. */
    public String code() {
        return "EPSG:" + epsgCode;
    }

    /** WKT 2 of the CRS, for reports and sidecar files. */
    public String wkt() {
        return sisCrs().toWKT();
    }

    /** The Apache SIS CRS in east/north axis order. */
    public CoordinateReferenceSystem sisCrs() {
        CoordinateReferenceSystem n = normalized;
        if (n == null) {
            SisLogging.quiet();
            try {
                n = AbstractCRS.castOrCopy(CRS.forCode("EPSG:" + epsgCode)).forConvention(AxesConvention.RIGHT_HANDED);
            } catch (FactoryException e) {
                throw new TerrainException("unsupported CRS EPSG:" + epsgCode + " (" + e.getMessage() + ")", e);
            }
            normalized = n;
        }
        return n;
    }

    /** WGS 84 longitude/latitude (degrees) of a position in this CRS: {lon, lat}. */
    public double[] toLonLat(double x, double y) {
        if (isGeographic() && epsgCode == 4326) {
            return new double[] {x, y};
        }
        return apply(toLonLatTransform(), x, y);
    }

    /** Position in this CRS of a WGS 84 longitude/latitude (degrees): {x, y}. */
    public double[] fromLonLat(double lon, double lat) {
        if (isGeographic() && epsgCode == 4326) {
            return new double[] {lon, lat};
        }
        return apply(fromLonLatTransform(), lon, lat);
    }

    private MathTransform toLonLatTransform() {
        MathTransform t = toLonLat;
        if (t == null) {
            SisLogging.quiet();
            t = toLonLat = operation(sisCrs(), CommonCRS.WGS84.normalizedGeographic());
        }
        return t;
    }

    private MathTransform fromLonLatTransform() {
        MathTransform t = fromLonLat;
        if (t == null) {
            SisLogging.quiet();
            t = fromLonLat = operation(CommonCRS.WGS84.normalizedGeographic(), sisCrs());
        }
        return t;
    }

    private MathTransform operation(CoordinateReferenceSystem source, CoordinateReferenceSystem target) {
        try {
            return CRS.findOperation(source, target, null).getMathTransform();
        } catch (FactoryException e) {
            throw new TerrainException("no coordinate operation between WGS 84 and " + code() + ": " + e.getMessage(), e);
        }
    }

    private static double[] apply(MathTransform t, double a, double b) {
        double[] pts = {a, b};
        try {
            t.transform(pts, 0, pts, 0, 1);
        } catch (TransformException e) {
            throw new TerrainException("cannot transform (" + a + ", " + b + "): " + e.getMessage(), e);
        }
        return pts;
    }

    /** Same EPSG code means same CRS for the planner (mosaics, comparisons). */
    @Override
    public boolean equals(Object o) {
        return o instanceof GridCrs other && other.epsgCode == epsgCode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(epsgCode);
    }

    @Override
    public String toString() {
        return code() + " (" + name() + ")";
    }

    private static final class Wgs84Holder {
        static final GridCrs INSTANCE = fromEpsg(4326);
    }
}
