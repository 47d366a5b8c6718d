package org.rescuemesh.planner.terrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntBinaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrtmHgtReaderTest {
    @TempDir
    Path dir;

    /** Writes an n × n big-endian int16 tile whose sample at (col, row) is {@code value}. */
    private Path tile(String name, int n, IntBinaryOperator value) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n * n * 2).order(ByteOrder.BIG_ENDIAN);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                b.putShort((short) value.applyAsInt(c, r));
            }
        }
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    @Test
    void readsA3ArcSecondTileWithItsCornerFromTheName() throws IOException {
        Path p = tile("N47E008.hgt", 1201, (c, r) -> 500 + c - r);
        ElevationGrid g = DemReader.read(p);
        assertThat(g.width()).isEqualTo(1201);
        assertThat(g.height()).isEqualTo(1201);
        assertThat(g.crs().epsgCode()).isEqualTo(4326);
        assertThat(g.crs().isGeographic()).isTrue();
        double res = 1.0 / 1200;
        assertThat(g.transform().pixelWidth()).isCloseTo(res, within(1e-15));
        assertThat(g.transform().originX()).isCloseTo(8 - res / 2, within(1e-12));
        assertThat(g.transform().originY()).isCloseTo(48 + res / 2, within(1e-12));
        // Sample centres fall on whole arc-seconds: (0,0) is the NW corner at 48°N 8°E.
        assertThat(g.cellCenterX(0, 0)).isCloseTo(8, within(1e-12));
        assertThat(g.cellCenterY(0, 0)).isCloseTo(48, within(1e-12));
        assertThat(g.cellCenterY(1200, 1200)).isCloseTo(47, within(1e-12));
        assertThat(g.get(10, 3)).isEqualTo(507f);
        assertThat(g.elevationAt(8.5, 47.5)).isCloseTo(500, within(1e-6));
    }

    @Test
    void southWestTileNamesGiveNegativeCorners() {
        assertThat(SrtmTile.parse("S09W078.hgt")).isEqualTo(new SrtmTile(-9, -78));
        assertThat(SrtmTile.parse("n47e008.SRTMGL1.hgt")).isEqualTo(new SrtmTile(47, 8));
        assertThat(new SrtmTile(-9, -78).name()).isEqualTo("S09W078");
        assertThatThrownBy(() -> SrtmTile.parse("dem.hgt")).hasMessageContaining("not an SRTM tile name");
    }

    @Test
    void fillsVoidsFromTheirNeighbours() throws IOException {
        // A 5 × 5 block of voids in a plane rising 1 m per column: IDW along the row and column of
        // each void lands between the valid samples around it.
        Path p = tile("N10E020.hgt", 1201, (c, r) -> c >= 600 && c < 605 && r >= 300 && r < 305 ? -32768 : 100 + c);
        ElevationGrid g = SrtmHgtReader.read(p);
        for (int r = 300; r < 305; r++) {
            for (int c = 600; c < 605; c++) {
                float v = g.get(c, r);
                assertThat(v).isBetween(699f, 705f);
            }
        }
        // The centre column of the block sits symmetrically between 699 (left) and 705 (right),
        // and its column neighbours above and below hold 702: the mean is exactly 702.
        assertThat(g.get(602, 302)).isCloseTo(702f, within(1e-4f));
        for (int i = 0; i < 1201 * 1201; i += 997) {
            assertThat(g.samples().get(i)).isNotEqualTo(-32768f);
        }
    }

    @Test
    void fillsAVoidThatSpansAWholeRowAndColumnInASecondRound() throws IOException {
        Path p = tile("N00E000.hgt", 1201, (c, r) -> r == 7 || c == 9 ? -32768 : 50);
        ElevationGrid g = SrtmHgtReader.read(p);
        assertThat(g.get(9, 7)).isEqualTo(50f);
        assertThat(g.get(9, 100)).isEqualTo(50f);
    }

    @Test
    void allVoidTileIsAnError() throws IOException {
        Path p = tile("N00E001.hgt", 1201, (c, r) -> -32768);
        assertThatThrownBy(() -> SrtmHgtReader.read(p)).isInstanceOf(TerrainException.class)
                .hasMessageContaining("every sample is void");
    }

    @Test
    void truncatedTileIsAClearError() throws IOException {
        Path p = dir.resolve("N47E008.hgt");
        Files.write(p, new byte[1201 * 1201 * 2 - 100]);
        assertThatThrownBy(() -> DemReader.read(p)).isInstanceOf(TerrainException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> DemReader.read(dir.resolve("N01E001.hgt"))).isInstanceOf(TerrainException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void mosaicOfTwoNeighbouringTilesSharesTheEdgeColumn() throws IOException {
        Path west = tile("N47E008.hgt", 1201, (c, r) -> 100);
        Path east = tile("N47E009.hgt", 1201, (c, r) -> 200);
        ElevationGrid m = DemReader.readMosaic(List.of(west, east));
        assertThat(m.width()).isEqualTo(2401);
        assertThat(m.height()).isEqualTo(1201);
        assertThat(m.get(0, 0)).isEqualTo(100f);
        assertThat(m.get(1199, 600)).isEqualTo(100f);
        assertThat(m.get(1200, 600)).isEqualTo(200f); // shared column: the later tile wins
        assertThat(m.get(2400, 1200)).isEqualTo(200f);
        assertThat(m.cellCenterX(1200, 0)).isCloseTo(9, within(1e-12));
    }

    @Test
    void mosaicLeavesUncoveredCellsAsNoData() throws IOException {
        Path a = tile("N47E008.hgt", 1201, (c, r) -> 100);
        Path b = tile("N48E009.hgt", 1201, (c, r) -> 200);
        ElevationGrid m = DemReader.readMosaic(List.of(a, b));
        assertThat(m.width()).isEqualTo(2401);
        assertThat(m.height()).isEqualTo(2401);
        assertThat(m.isNoData(m.get(0, 0))).isTrue();          // NW: no tile
        assertThat(m.get(0, 2400)).isEqualTo(100f);             // SW: N47E008
        assertThat(m.get(2400, 0)).isEqualTo(200f);             // NE: N48E009
    }

    @Test
    void mosaicRefusesMixedCrs() throws IOException {
        Path a = tile("N47E008.hgt", 1201, (c, r) -> 100);
        ElevationGrid utm = SyntheticTerrain.demo(1, 20, 30);
        assertThatThrownBy(() -> DemMosaic.of(List.of(SrtmHgtReader.read(a), utm)))
                .hasMessageContaining("different CRSs");
    }
}
