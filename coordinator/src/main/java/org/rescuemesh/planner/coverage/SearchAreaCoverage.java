package org.rescuemesh.planner.coverage;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Covered fraction and gap polygons of a search area under a margin raster.
 *
 * <p>Method: the covered cells (margin ≥ 0 dB) near the search area are traced into polygons in
 * pixel space ({@link CellBoundaryTracer}), where cell edges are integers and the outline is
 * exact. Its vertices are then mapped to lon/lat through the grid's geotransform and CRS,
 * intersected with the search polygon (covered part) and subtracted from it (gaps). Areas
 * are measured on the WGS 84 ellipsoid, so covered + gaps = the search area (to the parts per
 * million by which geodesic edges through the extra cell-corner vertices differ), cells cut by the
 * boundary count with their inside part only, and parts of the area outside the raster are
 * gaps (nothing was predicted there).
 */
public final class SearchAreaCoverage {

    private static final GeometryFactory PIXELS = new GeometryFactory(new PrecisionModel());

    private SearchAreaCoverage() {
    }

    /** Covered fraction and all gaps of {@code area} under {@code raster}. */
    public static CoverageReport assess(SearchArea area, CoverageRaster raster) {
        return assess(area, raster, 0);
    }

    /**
     * Covered fraction and the gaps of at least {@code minGapAreaM2} (smaller slivers are not
     * listed but still count as uncovered).
     */
    public static CoverageReport assess(SearchArea area, CoverageRaster raster, double minGapAreaM2) {
        if (area == null || raster == null) {
            throw new IllegalArgumentException("search area and raster are required");
        }
        if (!(minGapAreaM2 >= 0)) {
            throw new IllegalArgumentException("minimum gap area must be >= 0, got " + minGapAreaM2);
        }
        Geometry coveredLonLat = coveredCells(area.polygon().getEnvelopeInternal(), raster);
        Polygon polygon = area.polygon();
        Geometry covered = coveredLonLat.isEmpty()
                ? GeoFactory.WGS84.createPolygon()
                : OverlayNGRobust.overlay(polygon, coveredLonLat, OverlayNG.INTERSECTION);
        Geometry uncovered = coveredLonLat.isEmpty()
                ? polygon
                : OverlayNGRobust.overlay(polygon, coveredLonLat, OverlayNG.DIFFERENCE);

        List<CoverageGap> gaps = new ArrayList<>();
        for (int i = 0; i < uncovered.getNumGeometries(); i++) {
            if (uncovered.getGeometryN(i) instanceof Polygon gap && !gap.isEmpty()) {
                double gapArea = EllipsoidArea.of(gap);
                if (gapArea >= minGapAreaM2 && gapArea > 0) {
                    gap.setSRID(4326);
                    gaps.add(new CoverageGap(gap, gapArea));
                }
            }
        }
        gaps.sort(Comparator.comparingDouble(CoverageGap::areaM2).reversed());
        return new CoverageReport(area.id(), raster.radioProfile(), area.areaM2(), EllipsoidArea.of(covered), gaps);
    }

    /**
     * Union of the covered cells whose lon/lat box meets {@code window}, as a lon/lat geometry
     * (empty when none).
     */
    static Geometry coveredCells(Envelope window, CoverageRaster raster) {
        RasterGrid grid = raster.grid();
        int[] cells = pixelWindow(grid, window);
        if (cells == null) {
            return GeoFactory.WGS84.createPolygon();
        }
        int firstCol = cells[0];
        int endCol = cells[1];
        int firstRow = cells[2];
        int endRow = cells[3];
        int span = endCol - firstCol;
        double[] lonLat = new double[2];
        // Corner lon/lat of the current and the next corner row: a cell's box is bounded by them.
        double[] topLon = new double[span + 1];
        double[] topLat = new double[span + 1];
        double[] bottomLon = new double[span + 1];
        double[] bottomLat = new double[span + 1];
        fillCornerRow(grid, firstRow, firstCol, topLon, topLat, lonLat);

        int rows = endRow - firstRow;
        BitSet covered = new BitSet(span * rows);
        for (int row = firstRow; row < endRow; row++) {
            fillCornerRow(grid, row + 1, firstCol, bottomLon, bottomLat, lonLat);
            int base = (row - firstRow) * span;
            for (int col = firstCol; col < endCol; col++) {
                if (raster.marginDb(col, row) >= 0
                        && cellMeets(window, col - firstCol, topLon, topLat, bottomLon, bottomLat)) {
                    covered.set(base + col - firstCol);
                }
            }
            double[] swap = topLon;
            topLon = bottomLon;
            bottomLon = swap;
            swap = topLat;
            topLat = bottomLat;
            bottomLat = swap;
        }
        if (covered.isEmpty()) {
            return GeoFactory.WGS84.createPolygon();
        }
        Geometry union = CellBoundaryTracer.trace(covered, span, rows, firstCol, firstRow, PIXELS);
        Geometry lonLatUnion = GeoFactory.WGS84.createGeometry(union);
        lonLatUnion.apply(new PixelToLonLat(grid));
        lonLatUnion.geometryChanged();
        return lonLatUnion;
    }

    private static void fillCornerRow(RasterGrid grid, int row, int firstCol, double[] lons, double[] lats,
                                      double[] lonLat) {
        for (int i = 0; i < lons.length; i++) {
            grid.pixelToLonLat(firstCol + i, row, lonLat);
            lons[i] = lonLat[0];
            lats[i] = lonLat[1];
        }
    }

    /** Pixel blocks probed to find the part of a large raster near the search area. */
    private static final int BLOCK = 32;

    /**
     * The cell range {firstCol, endCol, firstRow, endRow} (end exclusive) that can meet
     * {@code window}, or null when none can. Probes block corners only, so a 3601² DEM is not
     * converted cell by cell for a search area covering a fraction of it. A block counts when
     * its corner envelope, widened by half its own size on each side, meets the window: far
     * more slack than the curvature of any map projection over 32 cells.
     */
    private static int[] pixelWindow(RasterGrid grid, Envelope window) {
        int blockCols = (grid.width() + BLOCK - 1) / BLOCK;
        int blockRows = (grid.height() + BLOCK - 1) / BLOCK;
        double[][] lon = new double[blockRows + 1][blockCols + 1];
        double[][] lat = new double[blockRows + 1][blockCols + 1];
        double[] lonLat = new double[2];
        for (int br = 0; br <= blockRows; br++) {
            for (int bc = 0; bc <= blockCols; bc++) {
                grid.pixelToLonLat(Math.min(bc * BLOCK, grid.width()), Math.min(br * BLOCK, grid.height()), lonLat);
                lon[br][bc] = lonLat[0];
                lat[br][bc] = lonLat[1];
            }
        }
        int firstCol = Integer.MAX_VALUE;
        int endCol = -1;
        int firstRow = Integer.MAX_VALUE;
        int endRow = -1;
        for (int br = 0; br < blockRows; br++) {
            for (int bc = 0; bc < blockCols; bc++) {
                Envelope block = new Envelope(lon[br][bc], lon[br][bc + 1], lat[br][bc], lat[br][bc + 1]);
                block.expandToInclude(lon[br + 1][bc], lat[br + 1][bc]);
                block.expandToInclude(lon[br + 1][bc + 1], lat[br + 1][bc + 1]);
                block.expandBy(block.getWidth() / 2, block.getHeight() / 2);
                if (block.intersects(window)) {
                    firstCol = Math.min(firstCol, bc * BLOCK);
                    endCol = Math.max(endCol, Math.min((bc + 1) * BLOCK, grid.width()));
                    firstRow = Math.min(firstRow, br * BLOCK);
                    endRow = Math.max(endRow, Math.min((br + 1) * BLOCK, grid.height()));
                }
            }
        }
        return endCol < 0 ? null : new int[] {firstCol, endCol, firstRow, endRow};
    }

    private static boolean cellMeets(Envelope window, int col, double[] topLon, double[] topLat,
                                     double[] bottomLon, double[] bottomLat) {
        double minLon = Math.min(Math.min(topLon[col], topLon[col + 1]), Math.min(bottomLon[col], bottomLon[col + 1]));
        double maxLon = Math.max(Math.max(topLon[col], topLon[col + 1]), Math.max(bottomLon[col], bottomLon[col + 1]));
        double minLat = Math.min(Math.min(topLat[col], topLat[col + 1]), Math.min(bottomLat[col], bottomLat[col + 1]));
        double maxLat = Math.max(Math.max(topLat[col], topLat[col + 1]), Math.max(bottomLat[col], bottomLat[col + 1]));
        return maxLon >= window.getMinX() && minLon <= window.getMaxX()
                && maxLat >= window.getMinY() && minLat <= window.getMaxY();
    }

    /** Maps pixel-space vertices of the union to lon/lat in place. */
    private static final class PixelToLonLat implements CoordinateSequenceFilter {
        private final RasterGrid grid;
        private final double[] lonLat = new double[2];

        PixelToLonLat(RasterGrid grid) {
            this.grid = grid;
        }

        @Override
        public void filter(CoordinateSequence seq, int i) {
            grid.pixelToLonLat(seq.getX(i), seq.getY(i), lonLat);
            seq.setOrdinate(i, CoordinateSequence.X, lonLat[0]);
            seq.setOrdinate(i, CoordinateSequence.Y, lonLat[1]);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
