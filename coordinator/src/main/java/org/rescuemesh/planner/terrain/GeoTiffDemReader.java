package org.rescuemesh.planner.terrain;

import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.apache.sis.coverage.SampleDimension;
import org.apache.sis.coverage.grid.GridCoverage;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.storage.Aggregate;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.GridCoverageResource;
import org.apache.sis.storage.Resource;
import org.apache.sis.referencing.operation.transform.LinearTransform;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.cs.AxisDirection;
import org.opengis.referencing.datum.PixelInCell;
import org.opengis.referencing.operation.Matrix;
import org.opengis.referencing.operation.MathTransform;

/**
 * Reads the first band of a GeoTIFF DEM through Apache SIS (any sample type; converted to float).
 * The grid geometry comes from SIS as an affine grid-to-CRS transform of pixel corners, re-ordered
 * to (east, north) when the CRS declares latitude first (EPSG:4326 does).
 */
public final class GeoTiffDemReader {

    private GeoTiffDemReader() {
    }

    public static ElevationGrid read(Path file) {
        SisLogging.quiet();
        if (!Files.isRegularFile(file)) {
            throw new TerrainException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new TerrainException(file + ": not readable");
        }
        try (DataStore store = DataStores.open(file)) {
            GridCoverageResource resource = firstCoverage(store);
            if (resource == null) {
                throw new TerrainException(file + ": contains no raster");
            }
            GridCoverage coverage = resource.read(null, 0);
            return toGrid(file, coverage);
        } catch (TerrainException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new TerrainException(file + ": unreadable or truncated GeoTIFF (" + describe(e) + ")", e);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 300; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static GridCoverageResource firstCoverage(Resource r) throws Exception {
        if (r instanceof GridCoverageResource g) {
            return g;
        }
        if (r instanceof Aggregate a) {
            for (Resource child : a.components()) {
                GridCoverageResource g = firstCoverage(child);
                if (g != null) {
                    return g;
                }
            }
        }
        return null;
    }

    private static ElevationGrid toGrid(Path file, GridCoverage coverage) {
        GridGeometry gg = coverage.getGridGeometry();
        GridExtent extent = gg.getExtent();
        if (extent.getDimension() < 2) {
            throw new TerrainException(file + ": raster is not 2-dimensional");
        }
        long w = extent.getSize(0);
        long h = extent.getSize(1);
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new TerrainException(file + ": raster of " + w + " × " + h + " is too large");
        }
        if (!gg.isDefined(GridGeometry.CRS | GridGeometry.GRID_TO_CRS)) {
            throw new TerrainException(file + ": unsupported CRS: the GeoTIFF has no georeferencing (CRS or transform)");
        }
        CoordinateReferenceSystem crs = gg.getCoordinateReferenceSystem();
        GridCrs gridCrs = GridCrs.fromSis(crs);
        MathTransform g2c = gg.getGridToCRS(PixelInCell.CELL_CORNER);
        if (!(g2c instanceof LinearTransform lt) || g2c.getSourceDimensions() != 2 || g2c.getTargetDimensions() != 2) {
            throw new TerrainException(file + ": grid-to-CRS transform is not affine 2-D; unsupported");
        }
        Matrix m = lt.getMatrix();
        // Row 0 of the matrix gives the first CRS axis. If that axis points north (lat/lon order),
        // swap so the GeoTransform is always (x = east, y = north).
        AxisDirection first = crs.getCoordinateSystem().getAxis(0).getDirection();
        boolean swap = first == AxisDirection.NORTH || first == AxisDirection.SOUTH;
        int rx = swap ? 1 : 0;
        int ry = swap ? 0 : 1;
        long lowX = extent.getLow(0);
        long lowY = extent.getLow(1);
        // The matrix maps grid indices relative to the extent's low corner when low != 0.
        double ox = m.getElement(rx, 2) + m.getElement(rx, 0) * lowX + m.getElement(rx, 1) * lowY;
        double oy = m.getElement(ry, 2) + m.getElement(ry, 0) * lowX + m.getElement(ry, 1) * lowY;
        GeoTransform gt = new GeoTransform(ox, m.getElement(rx, 0), m.getElement(rx, 1), oy, m.getElement(ry, 0), m.getElement(ry, 1));

        float nodata = Float.NaN;
        SampleDimension band = coverage.getSampleDimensions().get(0);
        Set<Number> nd = band.getNoDataValues();
        if (!nd.isEmpty()) {
            nodata = nd.iterator().next().floatValue();
        } else if (band.getBackground().isPresent()) {
            nodata = band.getBackground().get().floatValue();
        }

        int width = (int) w;
        int height = (int) h;
        RenderedImage image = coverage.render(null);
        FloatBuffer out = SampleStorage.allocate(width, height);
        float[] row = new float[width];
        boolean restoreNoData = !Float.isNaN(nodata);
        int tilesX = image.getNumXTiles();
        int tilesY = image.getNumYTiles();
        int minX = image.getMinX();
        int minY = image.getMinY();
        for (int ty = 0; ty < tilesY; ty++) {
            for (int tx = 0; tx < tilesX; tx++) {
                Raster tile = image.getTile(image.getMinTileX() + tx, image.getMinTileY() + ty);
                int x0 = Math.max(tile.getMinX(), minX);
                int y0 = Math.max(tile.getMinY(), minY);
                int x1 = Math.min(tile.getMinX() + tile.getWidth(), minX + width);
                int y1 = Math.min(tile.getMinY() + tile.getHeight(), minY + height);
                int n = x1 - x0;
                if (n <= 0) {
                    continue;
                }
                for (int y = y0; y < y1; y++) {
                    tile.getSamples(x0, y, n, 1, 0, row);
                    if (restoreNoData) {
                        // SIS renders nodata samples as NaN; keep the file's own nodata value so
                        // both GeoTIFF paths give the same samples.
                        for (int i = 0; i < n; i++) {
                            if (Float.isNaN(row[i])) {
                                row[i] = nodata;
                            }
                        }
                    }
                    out.put((y - minY) * width + (x0 - minX), row, 0, n);
                }
            }
        }
        return ElevationGrid.of(out, width, height, gt, gridCrs, nodata);
    }
}
