package org.rescuemesh.planner.viewshed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.planner.terrain.DemReader;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTiffDemReader;
import org.rescuemesh.planner.terrain.GeoTiffWriter;
import org.rescuemesh.planner.terrain.MappedGeoTiffReader;
import org.rescuemesh.planner.terrain.SyntheticTerrain;

/**
 * Cross-check with GDAL, run only where gdal_viewshed is installed (skipped otherwise): GDAL must
 * read our GeoTIFF with the right georeferencing, and its viewshed of it must agree with ours.
 */
class GdalCrossCheckTest {
    @TempDir
    Path dir;

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void gdalReadsOurGeoTiffAndAgreesOnTheViewshed() throws Exception {
        assumeTrue(onPath("gdal_viewshed") && onPath("gdalinfo"), "GDAL not installed");
        ElevationGrid g = SyntheticTerrain.demo(9, 401, 30);
        Path dem = dir.resolve("dem.tif");
        GeoTiffWriter.writeFloat32(dem, g);
        String info = run("gdalinfo", dem.toString());
        assertThat(info).contains("Size is 401, 401").contains("UTM zone 51N")
                .contains("Origin = (440000.000000000000000,1760000.000000000000000)")
                .contains("Pixel Size = (30.000000000000000,-30.000000000000000)")
                .contains("Type=Float32");

        double x = g.cellCenterX(200, 190), y = g.cellCenterY(200, 190);
        Path gdalOut = dir.resolve("gdal.tif");
        run("gdal_viewshed", "-q", "-ox", Double.toString(x), "-oy", Double.toString(y), "-oz", "10", "-tz", "2",
                "-cc", "0.85714", dem.toString(), gdalOut.toString());
        // GDAL 3.6's neighbour rule: the installed peer on Debian 12; newer GDALs match the default rule.
        NeighbourRule rule = run("gdalinfo", "--version").startsWith("GDAL 3.6") ? NeighbourRule.GDAL_3_6
                : NeighbourRule.ALWAYS_VISIBLE;
        Viewshed ours = ReferencePlaneViewshed.compute(g, ViewshedParameters.of(x, y, 10, 2).withNeighbourRule(rule));
        ElevationGrid theirs = DemReader.read(gdalOut);
        assertThat(theirs.width()).isEqualTo(ours.width());
        long agree = 0, total = 0;
        for (int r = 0; r < ours.height(); r++) {
            for (int c = 0; c < ours.width(); c++) {
                if (c == ours.observerCol() && r == ours.observerRow()) {
                    continue;
                }
                total++;
                if ((int) theirs.get(c, r) == ours.value(c, r)) {
                    agree++;
                }
            }
        }
        assertThat((double) agree / total).isGreaterThanOrEqualTo(0.9999);
    }

    /**
     * Observers far off the centre line, where one side of each row reaches much further than the
     * other (the sweep runs the two sides' chains together only as far as the shorter one reaches),
     * with and without a maximum distance: cell for cell what gdal_viewshed computes.
     */
    @Test
    void offCentreObserversAgreeWithGdalCellForCell() throws Exception {
        assumeTrue(onPath("gdal_viewshed") && onPath("gdalinfo"), "GDAL not installed");
        ElevationGrid g = SyntheticTerrain.demo(13, 301, 30);
        Path dem = dir.resolve("dem.tif");
        GeoTiffWriter.writeFloat32(dem, g);
        boolean gdal36 = run("gdalinfo", "--version").startsWith("GDAL 3.6");
        NeighbourRule rule = gdal36 ? NeighbourRule.GDAL_3_6 : NeighbourRule.ALWAYS_VISIBLE;
        int[][] cells = {{3, 150}, {297, 140}, {280, 12}, {20, 290}, {150, 1}, {60, 250}};
        for (int[] cell : cells) {
            for (double md : new double[] {0, 2500}) {
                double x = g.cellCenterX(cell[0], cell[1]), y = g.cellCenterY(cell[0], cell[1]);
                Path gdalOut = dir.resolve("gdal-" + cell[0] + "-" + cell[1] + "-" + (int) md + ".tif");
                run("gdal_viewshed", "-q", "-ox", Double.toString(x), "-oy", Double.toString(y), "-oz", "15", "-tz", "1",
                        "-cc", "0.85714", "-md", Double.toString(md), dem.toString(), gdalOut.toString());
                Viewshed ours = ReferencePlaneViewshed.compute(g,
                        new ViewshedParameters(x, y, 15, 1, md, 0.85714, Double.NaN, rule));
                ElevationGrid theirs = DemReader.read(gdalOut);
                assertThat(theirs.width()).isEqualTo(ours.width());
                assertThat(theirs.height()).isEqualTo(ours.height());
                long differ = 0;
                for (int r = 0; r < ours.height(); r++) {
                    for (int c = 0; c < ours.width(); c++) {
                        if ((c != ours.observerCol() || r != ours.observerRow()) && (int) theirs.get(c, r) != ours.value(c, r)) {
                            differ++;
                        }
                    }
                }
                // GDAL 3.6 (Debian 12's) is reproduced exactly; later GDALs differ only in floating-point ties.
                assertThat(differ).as("observer cell %s, max distance %s", java.util.Arrays.toString(cell), md)
                        .isLessThanOrEqualTo(gdal36 ? 0 : (long) ours.width() * ours.height() / 10_000);
            }
        }
    }

    @Test
    void gdalWrittenTiledInt16AndStrippedFilesReadTheSameThroughBothReaders() throws Exception {
        assumeTrue(onPath("gdal_translate"), "GDAL not installed");
        ElevationGrid g = SyntheticTerrain.demo(9, 300, 30);
        Path dem = dir.resolve("dem.tif");
        GeoTiffWriter.writeFloat32(dem, g);
        Path tiled = dir.resolve("tiled16.tif");
        run("gdal_translate", "-q", "-ot", "Int16", "-co", "TILED=YES", "-co", "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=128",
                "-a_nodata", "-9999", dem.toString(), tiled.toString());
        Path geo = dir.resolve("geo.tif");
        run("gdalwarp", "-q", "-t_srs", "EPSG:4326", dem.toString(), geo.toString());
        for (Path f : new Path[] {tiled, geo}) {
            ElevationGrid mapped = MappedGeoTiffReader.tryRead(f).orElseThrow();
            ElevationGrid sis = GeoTiffDemReader.read(f);
            assertThat(mapped.width()).isEqualTo(sis.width());
            assertThat(mapped.height()).isEqualTo(sis.height());
            assertThat(mapped.crs()).isEqualTo(sis.crs());
            assertThat(mapped.transform().toArray()).containsExactly(sis.transform().toArray());
            assertThat(Float.floatToIntBits(mapped.nodata())).isEqualTo(Float.floatToIntBits(sis.nodata()));
            for (int r = 0; r < mapped.height(); r += 7) {
                for (int c = 0; c < mapped.width(); c++) {
                    assertThat(Float.floatToIntBits(mapped.get(c, r))).isEqualTo(Float.floatToIntBits(sis.get(c, r)));
                }
            }
        }
        ElevationGrid t = MappedGeoTiffReader.tryRead(tiled).orElseThrow();
        assertThat(t.get(123, 45)).isEqualTo((float) Math.rint(g.get(123, 45)));
    }
}
