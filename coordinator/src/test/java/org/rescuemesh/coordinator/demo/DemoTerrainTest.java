package org.rescuemesh.coordinator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DemoTerrainTest {

    @Test
    void coversTheSearchAreaWithRealisticHeightsAndRendersAlignedRelief() throws Exception {
        DemoTerrain t = DemoTerrain.generate(42, SearchArea.DEMO);
        SearchArea a = SearchArea.DEMO;
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double lat = a.south(); lat <= a.north(); lat += 0.01) {
            for (double lon = a.west(); lon <= a.east(); lon += 0.01) {
                double z = t.elevationAt(lat, lon);
                assertThat(z).as("height at %f,%f", lat, lon).isFinite();
                lo = Math.min(lo, z);
                hi = Math.max(hi, z);
            }
        }
        assertThat(lo).isBetween(0.0, 2500.0);
        assertThat(hi - lo).as("relief").isGreaterThan(100);
        assertThat(DemoTerrain.generate(42, a).elevationAt(11.15, 124.9)).isEqualTo(t.elevationAt(11.15, 124.9));

        byte[] png = t.shadedReliefPng(400);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(400);
        // 0.12° of latitude over 0.14° of longitude at 11° N: the image is a bit less tall than wide.
        assertThat(img.getHeight()).isBetween(340, 360);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "demo-relief.png"), png);
    }
}
