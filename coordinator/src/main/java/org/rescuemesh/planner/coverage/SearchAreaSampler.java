package org.rescuemesh.planner.coverage;

import java.util.Arrays;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;

/**
 * Discretises search areas on a regular lon/lat grid of roughly {@code spacingM} metres,
 * keeping the cells whose centre lies inside an area. The relay planner evaluates coverage on
 * these cells; finer spacing is more exact and costs predictions linearly.
 */
public final class SearchAreaSampler {

    /** Above this many cells a plan would need tens of millions of predictions: refuse early. */
    public static final int MAX_CELLS = 2_000_000;

    private SearchAreaSampler() {
    }

    public static SampleCells sample(List<SearchArea> areas, double spacingM) {
        if (areas == null || areas.isEmpty()) {
            throw new IllegalArgumentException("at least one search area is required");
        }
        if (!(spacingM > 0) || Double.isInfinite(spacingM)) {
            throw new IllegalArgumentException("cell spacing must be a positive number of metres, got " + spacingM);
        }
        Envelope bounds = new Envelope();
        IndexedPointInAreaLocator[] locators = new IndexedPointInAreaLocator[areas.size()];
        for (int i = 0; i < areas.size(); i++) {
            bounds.expandToInclude(areas.get(i).polygon().getEnvelopeInternal());
            locators[i] = new IndexedPointInAreaLocator(areas.get(i).polygon());
        }
        double midLat = bounds.centre().y;
        double latStep = spacingM / metresPerDegree(midLat, 1, 0);
        double lonStep = spacingM / metresPerDegree(midLat, 0, 1);
        int rows = Math.max(1, (int) Math.ceil(bounds.getHeight() / latStep));
        int cols = Math.max(1, (int) Math.ceil(bounds.getWidth() / lonStep));
        if ((long) rows * cols > MAX_CELLS) {
            throw new IllegalArgumentException("search areas at " + spacingM + " m spacing need " + ((long) rows * cols)
                    + " cells, more than " + MAX_CELLS + "; use a coarser spacing");
        }
        double[] lat = new double[rows * cols];
        double[] lon = new double[rows * cols];
        double[] area = new double[rows * cols];
        int n = 0;
        Coordinate probe = new Coordinate();
        for (int r = 0; r < rows; r++) {
            double south = bounds.getMinY() + r * latStep;
            double centreLat = south + latStep / 2;
            // All cells of a row have the same area; compute it once.
            double rowCellArea = EllipsoidArea.ofBox(0, south, lonStep, south + latStep);
            for (int c = 0; c < cols; c++) {
                double centreLon = bounds.getMinX() + (c + 0.5) * lonStep;
                probe.x = centreLon;
                probe.y = centreLat;
                for (IndexedPointInAreaLocator locator : locators) {
                    if (locator.locate(probe) != Location.EXTERIOR) {
                        lat[n] = centreLat;
                        lon[n] = centreLon;
                        area[n] = rowCellArea;
                        n++;
                        break;
                    }
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no cell centre at " + spacingM
                    + " m spacing falls inside the search areas; use a finer spacing");
        }
        return new SampleCells(Arrays.copyOf(lat, n), Arrays.copyOf(lon, n),
                Arrays.copyOf(area, n), spacingM);
    }

    /** Geodesic length of a small step of (dLat, dLon) degrees at latitude lat, per degree. */
    private static double metresPerDegree(double lat, double dLat, double dLon) {
        double step = 0.01;
        GeodesicData d = Geodesic.WGS84.Inverse(lat, 0, lat + dLat * step, dLon * step);
        return d.s12 / step;
    }
}
