package org.rescuemesh.planner.terrain;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Joins several grids on the same CRS and pixel lattice (SRTM tiles, GeoTIFF tiles) into one grid
 * covering their bounding box. Where tiles overlap (SRTM tiles share their edge row and column)
 * the later tile wins; cells no tile covers are NaN, the mosaic's nodata value.
 */
public final class DemMosaic {
    /** Tolerance on pixel-lattice alignment, as a fraction of a pixel. */
    private static final double ALIGN_TOLERANCE = 1e-3;

    private DemMosaic() {
    }

    public static ElevationGrid of(List<ElevationGrid> tiles) {
        if (tiles.isEmpty()) {
            throw new TerrainException("a mosaic needs at least one DEM");
        }
        if (tiles.size() == 1) {
            return tiles.get(0);
        }
        ElevationGrid ref = tiles.get(0);
        GeoTransform rt = ref.transform();
        if (!rt.isNorthUp()) {
            throw new TerrainException("mosaics need north-up grids without rotation");
        }
        double pw = rt.pixelWidth();
        double ph = rt.pixelHeight();
        long minCol = Long.MAX_VALUE, minRow = Long.MAX_VALUE, maxCol = Long.MIN_VALUE, maxRow = Long.MIN_VALUE;
        long[][] offsets = new long[tiles.size()][];
        for (int i = 0; i < tiles.size(); i++) {
            ElevationGrid t = tiles.get(i);
            GeoTransform gt = t.transform();
            if (!t.crs().equals(ref.crs())) {
                throw new TerrainException("mosaic tiles have different CRSs: " + ref.crs().code() + " and " + t.crs().code());
            }
            if (!gt.isNorthUp() || Math.abs(gt.pixelWidth() - pw) > Math.abs(pw) * 1e-9
                    || Math.abs(gt.pixelHeight() - ph) > Math.abs(ph) * 1e-9) {
                throw new TerrainException("mosaic tiles have different pixel sizes: " + pw + " × " + ph + " and "
                        + gt.pixelWidth() + " × " + gt.pixelHeight());
            }
            double c = (gt.originX() - rt.originX()) / pw;
            double r = (gt.originY() - rt.originY()) / ph;
            long ci = Math.round(c);
            long ri = Math.round(r);
            if (Math.abs(c - ci) > ALIGN_TOLERANCE || Math.abs(r - ri) > ALIGN_TOLERANCE) {
                throw new TerrainException("mosaic tile " + i + " is not aligned on the pixel lattice of the first tile");
            }
            offsets[i] = new long[] {ci, ri};
            minCol = Math.min(minCol, ci);
            minRow = Math.min(minRow, ri);
            maxCol = Math.max(maxCol, ci + t.width());
            maxRow = Math.max(maxRow, ri + t.height());
        }
        long w = maxCol - minCol;
        long h = maxRow - minRow;
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new TerrainException("mosaic of " + w + " × " + h + " cells is too large");
        }
        int width = (int) w;
        int height = (int) h;
        FloatBuffer out = SampleStorage.allocate(width, height);
        float[] nan = new float[width];
        java.util.Arrays.fill(nan, Float.NaN);
        for (int r = 0; r < height; r++) {
            out.put(r * width, nan, 0, width);
        }
        float[] row = new float[0];
        for (int i = 0; i < tiles.size(); i++) {
            ElevationGrid t = tiles.get(i);
            if (row.length < t.width()) {
                row = new float[t.width()];
            }
            int c0 = (int) (offsets[i][0] - minCol);
            int r0 = (int) (offsets[i][1] - minRow);
            for (int r = 0; r < t.height(); r++) {
                t.readRow(r, 0, row, 0, t.width());
                for (int c = 0; c < t.width(); c++) {
                    float v = row[c];
                    // A tile's voids never overwrite another tile's data.
                    if (t.isNoData(v)) {
                        v = Float.NaN;
                        if (!Float.isNaN(out.get((r0 + r) * width + c0 + c))) {
                            continue;
                        }
                    }
                    out.put((r0 + r) * width + c0 + c, v);
                }
            }
        }
        GeoTransform gt = new GeoTransform(rt.originX() + minCol * pw, pw, 0, rt.originY() + minRow * ph, 0, ph);
        return ElevationGrid.of(out, width, height, gt, ref.crs(), Float.NaN);
    }
}
