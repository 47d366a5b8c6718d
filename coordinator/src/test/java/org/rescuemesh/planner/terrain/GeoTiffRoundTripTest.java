package org.rescuemesh.planner.terrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our writer → Apache SIS reader: UTM and WGS 84, Float32 and Byte, plus broken files. */
class GeoTiffRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void utmFloat32RoundTripsThroughSis() {
        ElevationGrid g = SyntheticTerrain.demo(3, 257, 30);
        Path f = dir.resolve("utm.tif");
        GeoTiffWriter.writeFloat32(f, g);
        ElevationGrid r = GeoTiffDemReader.read(f);
        assertSameGrid(MappedGeoTiffReader.tryRead(f).orElseThrow(), r);
        assertThat(r.width()).isEqualTo(257);
        assertThat(r.height()).isEqualTo(257);
        assertThat(r.crs().epsgCode()).isEqualTo(32651);
        assertThat(r.crs().isProjected()).isTrue();
        assertThat(r.transform().toArray()).containsExactly(g.transform().toArray());
        float[] a = new float[257], b = new float[257];
        for (int row = 0; row < 257; row++) {
            g.readRow(row, 0, a, 0, 257);
            r.readRow(row, 0, b, 0, 257);
            assertThat(b).containsExactly(a);
        }
    }

    @Test
    void geographicGridKeepsEastNorthOrderAndNoData() {
        double res = 1.0 / 1200;
        float[] z = new float[40 * 30];
        for (int i = 0; i < z.length; i++) {
            z[i] = i % 40 == 5 ? -32768 : i;
        }
        ElevationGrid g = ElevationGrid.of(z, 40, 30, new GeoTransform(120.5, res, 0, 16.25, 0, -res), GridCrs.wgs84(), -32768);
        Path f = dir.resolve("geo.tif");
        GeoTiffWriter.writeFloat32(f, g);
        ElevationGrid r = GeoTiffDemReader.read(f);
        assertSameGrid(MappedGeoTiffReader.tryRead(f).orElseThrow(), r);
        assertThat(r.crs().epsgCode()).isEqualTo(4326);
        assertThat(r.crs().isGeographic()).isTrue();
        assertThat(r.transform().originX()).isCloseTo(120.5, within(1e-12));
        assertThat(r.transform().originY()).isCloseTo(16.25, within(1e-12));
        assertThat(r.transform().pixelWidth()).isCloseTo(res, within(1e-15));
        assertThat(r.transform().pixelHeight()).isCloseTo(-res, within(1e-15));
        assertThat(r.nodata()).isEqualTo(-32768f);
        assertThat(r.isNoData(r.get(5, 3))).isTrue();
        assertThat(r.get(7, 2)).isEqualTo(87f);
    }

    @Test
    void byteRasterRoundTrips() {
        byte[] cells = new byte[30 * 20];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = (byte) (i % 3 == 0 ? 255 : 0);
        }
        Path f = dir.resolve("byte.tif");
        GeoTiffWriter.writeByte(f, cells, 30, 20, GeoTransform.northUp(500_000, 1_600_000, 30, 30), GridCrs.utm(51, true), -1);
        ElevationGrid r = DemReader.read(f);
        assertSameGrid(r, GeoTiffDemReader.read(f));
        assertThat(r.get(0, 0)).isEqualTo(255f);
        assertThat(r.get(1, 0)).isEqualTo(0f);
        assertThat(r.get(29, 19)).isEqualTo(cells[599] == 0 ? 0f : 255f);
    }

    /** The memory-mapped fast path and Apache SIS must produce the same grid. */
    private static void assertSameGrid(ElevationGrid a, ElevationGrid b) {
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.height()).isEqualTo(b.height());
        assertThat(a.crs()).isEqualTo(b.crs());
        assertThat(a.transform().toArray()).containsExactly(b.transform().toArray());
        assertThat(Float.floatToIntBits(a.nodata())).isEqualTo(Float.floatToIntBits(b.nodata()));
        float[] ra = new float[a.width()], rb = new float[a.width()];
        for (int row = 0; row < a.height(); row++) {
            a.readRow(row, 0, ra, 0, a.width());
            b.readRow(row, 0, rb, 0, b.width());
            assertThat(ra).containsExactly(rb);
        }
    }

    @Test
    void float32StripsAreUsedInPlaceFromTheMemoryMap() {
        ElevationGrid g = SyntheticTerrain.demo(4, 64, 30);
        Path f = dir.resolve("mapped.tif");
        GeoTiffWriter.writeFloat32(f, g);
        ElevationGrid r = MappedGeoTiffReader.tryRead(f).orElseThrow();
        assertThat(r.samples().isDirect()).as("backed by the file mapping").isTrue();
        assertThat(r.get(10, 20)).isEqualTo(g.get(10, 20));
    }

    @Test
    void truncatedGeoTiffIsAClearError() throws IOException {
        ElevationGrid g = SyntheticTerrain.demo(3, 129, 30);
        Path f = dir.resolve("cut.tif");
        GeoTiffWriter.writeFloat32(f, g);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length / 3));
        assertThatThrownBy(() -> DemReader.read(f)).isInstanceOf(TerrainException.class)
                .hasMessageContaining("cut.tif");
    }

    @Test
    void unsupportedCrsIsNamed() throws IOException {
        Path f = dir.resolve("feet.tif");
        GeoTiffWriter.writeFloat32(f, SyntheticTerrain.demo(3, 32, 30));
        // Re-label the ProjectedCSTypeGeoKey (3072, 0, 1, 32651) as EPSG:2227, a US-feet state plane.
        byte[] b = Files.readAllBytes(f);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        boolean patched = false;
        for (int i = 0; i + 8 <= b.length && !patched; i += 2) {
            if (bb.getShort(i) == 3072 && bb.getShort(i + 2) == 0 && bb.getShort(i + 4) == 1 && bb.getShort(i + 6) == (short) 32651) {
                bb.putShort(i + 6, (short) 2227);
                patched = true;
            }
        }
        assertThat(patched).isTrue();
        Files.write(f, b);
        assertThatThrownBy(() -> DemReader.read(f)).isInstanceOf(TerrainException.class)
                .hasMessageContaining("feet.tif").hasMessageContaining("unsupported CRS EPSG:2227");
    }

    @Test
    void tiffWithoutGeoreferencingIsRejected() throws IOException {
        Path f = dir.resolve("plain.tif");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        assertThat(javax.imageio.ImageIO.write(img, "tiff", f.toFile())).isTrue();
        assertThatThrownBy(() -> DemReader.read(f)).isInstanceOf(TerrainException.class)
                .hasMessageContaining("plain.tif").hasMessageContaining("no georeferencing");
    }

    @Test
    void nonDemFileIsRejected() throws IOException {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "hello");
        assertThatThrownBy(() -> DemReader.read(f)).isInstanceOf(TerrainException.class)
                .hasMessageContaining("not a DEM");
    }

    @Test
    void writerRejectsMissingDirectory() {
        ElevationGrid g = SyntheticTerrain.demo(3, 16, 30);
        assertThatThrownBy(() -> GeoTiffWriter.writeFloat32(dir.resolve("no/such/dir/x.tif"), g))
                .isInstanceOf(TerrainException.class).hasMessageContaining("does not exist");
    }
}
