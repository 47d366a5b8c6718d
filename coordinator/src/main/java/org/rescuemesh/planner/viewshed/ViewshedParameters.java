package org.rescuemesh.planner.viewshed;

import org.rescuemesh.planner.terrain.TerrainException;

/**
 * What a viewshed asks, in gdal_viewshed's terms.
 *
 * @param observerX            observer position in the DEM's CRS (x / longitude)
 * @param observerY            observer position in the DEM's CRS (y / latitude)
 * @param observerHeight       observer eye/antenna height above the ground, metres (≥ 0)
 * @param targetHeight         height above the ground at which targets are tested, metres (≥ 0)
 * @param maxDistance          metres; 0 means the whole DEM. Cells farther away are 0 and the
 *                             output is cropped to the square window around the observer
 * @param curvatureCoefficient heights are lowered by {@code cc · d² / D}; 0.85714 (GDAL's default)
 *                             models curvature with light refraction, 0.75 ≈ radio k = 4/3, 0 = flat
 * @param earthDiameter        D in metres; NaN = twice the semi-major axis of the DEM's ellipsoid,
 *                             which is what gdal_viewshed uses (12,756,274 m for WGS 84)
 * @param neighbourRule        how the observer's 8 neighbours are judged (see {@link NeighbourRule})
 */
public record ViewshedParameters(double observerX, double observerY, double observerHeight, double targetHeight,
                                 double maxDistance, double curvatureCoefficient, double earthDiameter,
                                 NeighbourRule neighbourRule) {

    /** gdal_viewshed's default {@code -cc}. */
    public static final double DEFAULT_CURVATURE_COEFFICIENT = 0.85714;

    public ViewshedParameters {
        if (!Double.isFinite(observerX) || !Double.isFinite(observerY)) {
            throw new TerrainException("observer position must be finite, got (" + observerX + ", " + observerY + ")");
        }
        if (!(observerHeight >= 0) || !Double.isFinite(observerHeight)) {
            throw new TerrainException("observer height must be a non-negative number of metres, got " + observerHeight);
        }
        if (!(targetHeight >= 0) || !Double.isFinite(targetHeight)) {
            throw new TerrainException("target height must be a non-negative number of metres, got " + targetHeight);
        }
        if (!(maxDistance >= 0) || !Double.isFinite(maxDistance)) {
            throw new TerrainException("max distance must be a non-negative number of metres (0 = unlimited), got " + maxDistance);
        }
        if (!(curvatureCoefficient >= 0) || !Double.isFinite(curvatureCoefficient)) {
            throw new TerrainException("curvature coefficient must be a non-negative number, got " + curvatureCoefficient);
        }
        if (!Double.isNaN(earthDiameter) && !(earthDiameter > 0 && Double.isFinite(earthDiameter))) {
            throw new TerrainException("earth diameter must be a positive number of metres, got " + earthDiameter);
        }
        if (neighbourRule == null) {
            throw new TerrainException("neighbour rule must be given");
        }
    }

    /** Without a neighbour rule: {@link NeighbourRule#ALWAYS_VISIBLE}. */
    public ViewshedParameters(double observerX, double observerY, double observerHeight, double targetHeight,
                              double maxDistance, double curvatureCoefficient, double earthDiameter) {
        this(observerX, observerY, observerHeight, targetHeight, maxDistance, curvatureCoefficient, earthDiameter,
                NeighbourRule.ALWAYS_VISIBLE);
    }

    /** Parameters with gdal_viewshed's defaults: no distance limit, cc 0.85714, D from the DEM's ellipsoid. */
    public static ViewshedParameters of(double observerX, double observerY, double observerHeight, double targetHeight) {
        return new ViewshedParameters(observerX, observerY, observerHeight, targetHeight, 0,
                DEFAULT_CURVATURE_COEFFICIENT, Double.NaN);
    }

    public ViewshedParameters withMaxDistance(double metres) {
        return new ViewshedParameters(observerX, observerY, observerHeight, targetHeight, metres, curvatureCoefficient,
                earthDiameter, neighbourRule);
    }

    public ViewshedParameters withCurvatureCoefficient(double cc) {
        return new ViewshedParameters(observerX, observerY, observerHeight, targetHeight, maxDistance, cc, earthDiameter,
                neighbourRule);
    }

    public ViewshedParameters withEarthDiameter(double metres) {
        return new ViewshedParameters(observerX, observerY, observerHeight, targetHeight, maxDistance, curvatureCoefficient,
                metres, neighbourRule);
    }

    public ViewshedParameters withNeighbourRule(NeighbourRule rule) {
        return new ViewshedParameters(observerX, observerY, observerHeight, targetHeight, maxDistance, curvatureCoefficient,
                earthDiameter, rule);
    }
}
