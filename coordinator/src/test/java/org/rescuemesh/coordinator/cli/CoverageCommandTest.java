package org.rescuemesh.coordinator.cli;

import static org.rescuemesh.coordinator.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.planner.terrain.DemReader;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTiffWriter;
import org.rescuemesh.planner.terrain.SyntheticTerrain;

class CoverageCommandTest {
    @TempDir
    Path dir;

    private Path syntheticTif() {
        ElevationGrid g = SyntheticTerrain.demo(5, 161, 30);
        Path f = dir.resolve("dem.tif");
        GeoTiffWriter.writeFloat32(f, g);
        return f;
    }

    /** A 3" tile N15E120 with a north-south ridge 1.5 km east of the tile centre. */
    private Path ridgeHgt() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1201 * 1201 * 2).order(ByteOrder.BIG_ENDIAN);
        for (int r = 0; r < 1201; r++) {
            for (int c = 0; c < 1201; c++) {
                int dc = Math.abs(c - 617);
                b.putShort((short) (dc < 4 ? 200 + 60 * (4 - dc) : 200));
            }
        }
        Path hgt = dir.resolve("N15E120.hgt");
        Files.write(hgt, b.array());
        return hgt;
    }

    private static List<String> args(Path dem, String lat, String lon, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("coverage", "--dem", dem.toString(), "--lat", lat, "--lon", lon,
                "--tx-height", "10", "--rx-height", "2", "--freq-mhz", "446", "--erp-w", "5", "--radius-km", "5",
                "--out", out.toString()));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            int at = a.indexOf(extra[i]);
            if (at >= 0 && !extra[i].equals("--dem")) {
                a.set(at + 1, extra[i + 1]);   // override the default above
            } else {
                a.add(extra[i]);
                a.add(extra[i + 1]);
            }
        }
        return a;
    }

    @Test
    void writesReceivedPowerOnTheGridOfAProjectedDem() {
        Path dem = syntheticTif();
        ElevationGrid g = DemReader.read(dem);
        double[] lonLat = g.crs().toLonLat(g.cellCenterX(80, 80), g.cellCenterY(80, 80));
        Path out = dir.resolve("cov.tif");
        CliRun r = run(args(dem, Double.toString(lonLat[1]), Double.toString(lonLat[0]), out, "--radius-km", "1.5")
                .toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("cells computed (itm)");
        ElevationGrid cov = DemReader.read(out);
        assertThat(cov.width()).isEqualTo(161);
        assertThat(cov.height()).isEqualTo(161);
        assertThat(cov.crs().epsgCode()).isEqualTo(32651);
        assertThat(cov.transform()).isEqualTo(g.transform());
        assertThat(cov.get(0, 0)).isNaN();                 // 3.4 km away: beyond the radius
        assertThat(cov.get(80, 80)).isNaN();               // the transmitter's own cell
        float near = cov.get(82, 80);                      // 60 m away
        assertThat(near).isFinite().isLessThan((float) (10 * Math.log10(5000) + 2.14));
        assertThat(cov.get(80 + 45, 80)).isFinite().isLessThan(near);
    }

    @Test
    void srtmTileWithARidgeShadowsTheFarSide() throws IOException {
        Path hgt = ridgeHgt();
        Path out = dir.resolve("ridge.tif");
        CliRun r = run(args(hgt, "15.5", "120.5", out).toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        ElevationGrid cov = DemReader.read(out);
        assertThat(cov.crs().epsgCode()).isEqualTo(4326);
        assertThat(cov.width()).isEqualTo(1201);
        // same distance (≈ 2.9 km) west (open) and east (behind the 440 m ridge) of the transmitter at column 600
        double west = cov.get(600 - 34, 600);
        double east = cov.get(600 + 34, 600);
        assertThat(west - east).as("west %.1f dBm, east %.1f dBm", west, east).isGreaterThan(10);
        assertThat(cov.get(600 + 100, 600)).isNaN();     // 8.9 km: beyond 5 km
    }

    @Test
    void splatRayRuleShadowsTheSameRidgeAndChangesOnlySomeCells() throws IOException {
        Path hgt = ridgeHgt();
        Path cellCentre = dir.resolve("centre.tif");
        Path splat = dir.resolve("splat.tif");
        assertThat(run(args(hgt, "15.5", "120.5", cellCentre).toArray(String[]::new)).exit()).isZero();
        CliRun r = run(args(hgt, "15.5", "120.5", splat, "--ray-rule", "SPLAT_1_4").toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        ElevationGrid a = DemReader.read(cellCentre);
        ElevationGrid b = DemReader.read(splat);
        assertThat(b.get(600 - 34, 600) - b.get(600 + 34, 600)).isGreaterThan(10);
        int both = 0;
        int differ = 0;
        for (int row = 530; row <= 670; row++) {
            for (int col = 530; col <= 670; col++) {
                if (!Float.isNaN(a.get(col, row)) && !Float.isNaN(b.get(col, row))) {
                    both++;
                    differ += a.get(col, row) != b.get(col, row) ? 1 : 0;
                }
            }
        }
        assertThat(both).isGreaterThan(9_000);   // π·(5 km / ≈ 90 m)² ≈ 9,700 cells
        assertThat(differ).isPositive();
    }

    @Test
    void splatRayRuleOnAProjectedDemIsAClearError() {
        Path dem = syntheticTif();
        ElevationGrid g = DemReader.read(dem);
        double[] lonLat = g.crs().toLonLat(g.cellCenterX(80, 80), g.cellCenterY(80, 80));
        Path out = dir.resolve("cov.tif");
        assertError(run(args(dem, Double.toString(lonLat[1]), Double.toString(lonLat[0]), out, "--radius-km", "1.5",
                "--ray-rule", "SPLAT_1_4").toArray(String[]::new)), "needs a north-up geographic");
        assertThat(out).doesNotExist();
    }

    @Test
    void freeSpaceModelEqualsTheFormula() throws IOException {
        Path hgt = ridgeHgt();
        Path out = dir.resolve("fspl.tif");
        CliRun r = run(args(hgt, "15.5", "120.5", out, "--model", "fspl", "--freq-mhz", "915", "--erp-w", "2")
                .toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        ElevationGrid cov = DemReader.read(out);
        for (int[] cell : new int[][] {{610, 600}, {640, 570}, {600, 650}, {560, 620}}) {
            double lon = cov.cellCenterX(cell[0], cell[1]);
            double lat = cov.cellCenterY(cell[0], cell[1]);
            double dKm = Geodesic.WGS84.Inverse(15.5, 120.5, lat, lon, GeodesicMask.DISTANCE).s12 / 1000;
            double expected = 10 * Math.log10(2 * 1000) + 2.14 - (32.45 + 20 * Math.log10(915) + 20 * Math.log10(dKm));
            assertThat((double) cov.get(cell[0], cell[1])).isCloseTo(expected, Offset.offset(1e-3));
        }
    }

    @Test
    void mosaicOfTwoTilesAcrossTheSeam() throws IOException {
        Path a = ridgeHgt();
        Path b = dir.resolve("N15E121.hgt");
        Files.copy(a, b);
        Path out = dir.resolve("mosaic.tif");
        CliRun r = run(args(a, "15.5", "120.99", out, "--dem", b.toString(), "--radius-km", "3").toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        ElevationGrid cov = DemReader.read(out);
        assertThat(cov.width()).isGreaterThan(1201);
        int row = cov.rowOf(121.015, 15.5);
        assertThat(cov.get(cov.colOf(121.015, 15.5), row)).isFinite();
        assertThat(cov.get(cov.colOf(120.97, 15.5), row)).isFinite();
    }

    @Test
    void badInputGivesAClearErrorAndNoOutput() throws IOException {
        Path dem = syntheticTif();
        Path out = dir.resolve("x.tif");
        assertError(run(args(dir.resolve("nope.tif"), "15.8", "120.5", out).toArray(String[]::new)), "nope.tif: no such file");
        assertError(run(args(dem, "0", "0", out).toArray(String[]::new)), "transmitter (lat 0.0, lon 0.0) is outside the DEM extent");
        assertError(run(args(dem, "15.9", "120.5", out, "--freq-mhz", "10").toArray(String[]::new)),
                "frequency must be within 20..20000 MHz, got 10.0 MHz");
        assertError(run(args(dem, "15.9", "120.5", out, "--tx-height", "-2").toArray(String[]::new)),
                "tx height must be a non-negative number of metres, got -2.0");
        assertError(run(args(dem, "15.9", "120.5", out, "--rx-height", "-0.5").toArray(String[]::new)),
                "rx height must be a non-negative number of metres");
        assertError(run(args(dem, "15.9", "120.5", out, "--climate", "9").toArray(String[]::new)), "radio climate must be 1..7");
        assertError(run(args(dem, "15.9", "120.5", out, "--model", "cost231").toArray(String[]::new)), "model must be itm or fspl");
        assertError(run(args(dem, "15.9", "120.5", out, "--polarization", "circular").toArray(String[]::new)),
                "polarization must be horizontal or vertical");
        assertError(run(args(dem, "15.9", "120.5", out, "--radius-km", "0").toArray(String[]::new)), "radius");
        assertError(run(args(dem, "15.9", "120.5", out, "--time-pct", "100").toArray(String[]::new)), "time percentage");

        byte[] all = Files.readAllBytes(dem);
        Files.write(dem, Arrays.copyOf(all, all.length / 2));
        CliRun cut = run(args(dem, "15.9", "120.5", out).toArray(String[]::new));
        assertError(cut, "truncated");
        assertThat(cut.err()).contains("dem.tif");

        Path hgt = dir.resolve("N15E120.hgt");
        Files.write(hgt, new byte[1000]);
        assertError(run(args(hgt, "15.5", "120.5", out).toArray(String[]::new)), "not an SRTM tile");

        CliRun usage = run("coverage", "--dem", dem.toString(), "--lat", "x");
        assertThat(usage.exit()).isNotZero();
        assertThat(out).doesNotExist();
    }

    private static void assertError(CliRun r, String message) {
        assertThat(r.exit()).as(r.out()).isNotZero();
        assertThat(r.err()).startsWith("coverage: ").contains(message).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
