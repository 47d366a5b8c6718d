package org.rescuemesh.coordinator.cli;

import static org.rescuemesh.coordinator.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.planner.terrain.DemReader;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTiffWriter;
import org.rescuemesh.planner.terrain.SyntheticTerrain;

class ViewshedCommandTest {
    @TempDir
    Path dir;

    private Path demFile() {
        ElevationGrid g = SyntheticTerrain.demo(5, 201, 30);
        Path f = dir.resolve("dem.tif");
        GeoTiffWriter.writeFloat32(f, g);
        return f;
    }

    @Test
    void writesAByteViewshedWithTheDemsGeoreferencing() {
        Path dem = demFile();
        ElevationGrid g = DemReader.read(dem);
        Path out = dir.resolve("vs.tif");
        double x = g.cellCenterX(100, 100), y = g.cellCenterY(100, 100);
        CliRun r = run("viewshed", "--dem", dem.toString(), "--observer-x", Double.toString(x), "--observer-y", Double.toString(y),
                "--observer-height", "10", "--target-height", "2", "--max-distance", "1500", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("% visible");
        ElevationGrid v = DemReader.read(out);
        // 1500 m at 30 m cells: 100 - 50 .. 100 + 50 inclusive → 101 cells each way.
        assertThat(v.width()).isEqualTo(101);
        assertThat(v.height()).isEqualTo(101);
        assertThat(v.crs().epsgCode()).isEqualTo(32651);
        assertThat(v.transform().originX()).isEqualTo(g.transform().originX() + 50 * 30);
        assertThat(v.get(50, 50)).isEqualTo(255f);
        assertThat(v.get(0, 0)).isEqualTo(0f); // corner is 2.1 km away: beyond the max distance
        for (int row = 0; row < v.height(); row++) {
            for (int col = 0; col < v.width(); col++) {
                assertThat(v.get(col, row)).isIn(0f, 255f);
            }
        }
    }

    @Test
    void acceptsSrtmTilesWithLonLatObserver() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1201 * 1201 * 2).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 1201 * 1201; i++) {
            b.putShort((short) 300);
        }
        Path hgt = dir.resolve("N15E120.hgt");
        Files.write(hgt, b.array());
        Path out = dir.resolve("hgt-vs.tif");
        CliRun r = run("viewshed", "--dem", hgt.toString(), "--observer-x", "120.5", "--observer-y", "15.5",
                "--observer-height", "5", "--target-height", "0", "--max-distance", "2000", "--curvature-coeff", "0",
                "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        ElevationGrid v = DemReader.read(out);
        assertThat(v.crs().epsgCode()).isEqualTo(4326);
        assertThat(v.get(v.width() / 2, v.height() / 2)).isEqualTo(255f);
    }

    @Test
    void mosaicsRepeatedDemsAndAcceptsTheGdal36NeighbourRule() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1201 * 1201 * 2).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 1201 * 1201; i++) {
            b.putShort((short) 300);
        }
        Files.write(dir.resolve("N15E120.hgt"), b.array());
        Files.write(dir.resolve("N15E121.hgt"), b.array());
        Path out = dir.resolve("mosaic-vs.tif");
        // Observer on the shared edge: the 3 km window straddles both tiles.
        CliRun r = run("viewshed", "--dem", dir.resolve("N15E120.hgt").toString(), "--dem", dir.resolve("N15E121.hgt").toString(),
                "--observer-x", "121.0", "--observer-y", "15.5", "--observer-height", "5", "--target-height", "0",
                "--max-distance", "3000", "--curvature-coeff", "0", "--neighbour-rule", "GDAL_3_6", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        ElevationGrid v = DemReader.read(out);
        assertThat(v.transform().originX()).isLessThan(121.0);
        assertThat(v.transform().x(v.width(), 0)).isGreaterThan(121.0);
        assertThat(v.get(v.width() / 2, v.height() / 2)).isEqualTo(255f);

        CliRun bad = run("viewshed", "--dem", dir.resolve("N15E120.hgt").toString(), "--observer-x", "120.5",
                "--observer-y", "15.5", "--observer-height", "5", "--target-height", "0", "--neighbour-rule", "SOMETIMES",
                "--out", out.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("--neighbour-rule");
    }

    @Test
    void observerOutsideTheDemFailsWithAMessage() {
        Path dem = demFile();
        CliRun r = run("viewshed", "--dem", dem.toString(), "--observer-x", "0", "--observer-y", "0",
                "--observer-height", "10", "--target-height", "2", "--out", dir.resolve("x.tif").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("observer (0.0, 0.0) is outside the DEM extent").doesNotContain("Exception");
        assertThat(dir.resolve("x.tif")).doesNotExist();
    }

    @Test
    void missingAndTruncatedDemsFailWithAMessage() throws IOException {
        CliRun missing = run("viewshed", "--dem", dir.resolve("nope.tif").toString(), "--observer-x", "0", "--observer-y", "0",
                "--observer-height", "10", "--target-height", "2", "--out", dir.resolve("x.tif").toString());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("nope.tif: no such file");

        Path dem = demFile();
        byte[] all = Files.readAllBytes(dem);
        Files.write(dem, java.util.Arrays.copyOf(all, all.length / 2));
        CliRun cut = run("viewshed", "--dem", dem.toString(), "--observer-x", "445000", "--observer-y", "1757000",
                "--observer-height", "10", "--target-height", "2", "--out", dir.resolve("x.tif").toString());
        assertThat(cut.exit()).isNotZero();
        assertThat(cut.err()).contains("dem.tif").contains("truncated").doesNotContain("\tat ");
    }

    @Test
    void negativeHeightIsRejected() {
        Path dem = demFile();
        CliRun r = run("viewshed", "--dem", dem.toString(), "--observer-x", "443000", "--observer-y", "1757000",
                "--observer-height", "-3", "--target-height", "2", "--out", dir.resolve("x.tif").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("observer height must be a non-negative number of metres, got -3.0");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliRun r = run("viewshed", "--observer-x", "1");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("Missing required options");
    }

    @Test
    void summaryNumbersAreFormattedAsPrintfWouldFormatThem() {
        java.util.Random random = new java.util.Random(11);
        double[] edges = {0, 0.0005, 0.0015, 0.125, 0.135, 2.345, 99.995, 100, 1e-9, 12345.6785};
        for (double v : edges) {
            assertThat(ViewshedCommand.fixed(v, 2)).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", v));
            assertThat(ViewshedCommand.fixed(v, 3)).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", v));
        }
        for (int i = 0; i < 20_000; i++) {
            double v = random.nextInt(3) == 0 ? random.nextInt(100_000) / 1000.0 : random.nextDouble() * Math.pow(10, random.nextInt(6) - 2);
            assertThat(ViewshedCommand.fixed(v, 2)).as("%s", v).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", v));
            assertThat(ViewshedCommand.fixed(v, 3)).as("%s", v).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", v));
        }
    }
}
