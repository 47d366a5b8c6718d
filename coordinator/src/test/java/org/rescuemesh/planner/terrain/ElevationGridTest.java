package org.rescuemesh.planner.terrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import net.sf.geographiclib.Geodesic;

class ElevationGridTest {

    /** A plane z = 100 + 0.01·(x − 400000) − 0.02·(y − 1700000) sampled at cell centres. */
    private static ElevationGrid plane() {
        int w = 200, h = 150;
        GeoTransform gt = GeoTransform.northUp(400_000, 1_704_500, 30, 30);
        float[] z = new float[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double x = gt.x(c + 0.5, r + 0.5), y = gt.y(c + 0.5, r + 0.5);
                z[r * w + c] = (float) (100 + 0.01 * (x - 400_000) - 0.02 * (y - 1_700_000));
            }
        }
        return ElevationGrid.of(z, w, h, gt, GridCrs.fromEpsg(32651), Float.NaN);
    }

    @Test
    void bilinearInterpolationIsExactOnAPlane() {
        ElevationGrid g = plane();
        assertThat(g.elevationAt(401_234.5, 1_702_345.6)).isCloseTo(100 + 12.345 - 46.912, within(1e-3));
        assertThat(g.elevationAt(399_000, 1_702_000)).isNaN();
    }

    @Test
    void profileInAProjectedCrsFollowsTheStraightLine() {
        ElevationGrid g = plane();
        TerrainProfile p = g.profile(400_100, 1_700_500, 405_100, 1_703_500, 101);
        assertThat(p.size()).isEqualTo(101);
        assertThat(p.distanceMetres()).isCloseTo(Math.hypot(5_000, 3_000), within(1e-6));
        for (int i = 0; i <= 100; i++) {
            double x = 400_100 + 50.0 * i, y = 1_700_500 + 30.0 * i;
            assertThat(p.elevation(i)).isCloseTo(100 + 0.01 * (x - 400_000) - 0.02 * (y - 1_700_000), within(1e-3));
        }
        double[] pfl = p.toItmPfl();
        assertThat(pfl[0]).isEqualTo(100);
        assertThat(pfl[1]).isCloseTo(p.stepMetres(), within(1e-12));
        assertThat(pfl).hasSize(103);
        assertThat(g.profileWithStep(400_100, 1_700_500, 405_100, 1_703_500, 30).stepMetres()).isLessThanOrEqualTo(30);
    }

    @Test
    void profileInAGeographicCrsFollowsTheGeodesic() {
        double res = 1.0 / 1200;
        float[] z = new float[1201 * 1201];
        java.util.Arrays.fill(z, 321);
        ElevationGrid g = ElevationGrid.of(z, 1201, 1201, new GeoTransform(8 - res / 2, res, 0, 48 + res / 2, 0, -res),
                GridCrs.wgs84(), -32768);
        TerrainProfile p = g.profile(8.1, 47.2, 8.9, 47.8, 50);
        double s = Geodesic.WGS84.Inverse(47.2, 8.1, 47.8, 8.9).s12;
        assertThat(p.distanceMetres()).isCloseTo(s, within(1e-6));
        assertThat(p.elevation(0)).isCloseTo(321, within(1e-9));
        assertThat(p.hasVoids()).isFalse();
    }

    @Test
    void profileFromLonLatOnAUtmGridTransformsTheEndpoints() {
        ElevationGrid g = plane();
        double[] a = g.crs().toLonLat(400_500, 1_701_000);
        double[] b = g.crs().toLonLat(404_500, 1_703_000);
        TerrainProfile p = g.profileLonLat(a[0], a[1], b[0], b[1], 11);
        assertThat(p.distanceMetres()).isCloseTo(Math.hypot(4_000, 2_000), within(1e-3));
    }

    @Test
    void pointsOutsideTheGridAreNamedInTheError() {
        ElevationGrid g = plane();
        assertThatThrownBy(() -> g.profile(300_000, 1_700_500, 401_000, 1_701_000, 10))
                .isInstanceOf(TerrainException.class).hasMessageContaining("profile start (300000.0, 1700500.0) is outside");
        assertThatThrownBy(() -> g.get(200, 0)).isInstanceOf(TerrainException.class);
    }

    @Test
    void crsLookupAndTransforms() {
        GridCrs utm = GridCrs.utm(51, true);
        assertThat(utm.epsgCode()).isEqualTo(32651);
        assertThat(utm.isProjected()).isTrue();
        assertThat(utm.earthDiameterMetres()).isEqualTo(2 * 6378137.0);
        double[] xy = utm.fromLonLat(123, 15);
        assertThat(xy[0]).isCloseTo(500_000, within(1e-6)); // central meridian
        double[] ll = utm.toLonLat(xy[0], xy[1]);
        assertThat(ll[0]).isCloseTo(123, within(1e-9));
        assertThat(ll[1]).isCloseTo(15, within(1e-9));
        assertThat(GridCrs.wgs84().isGeographic()).isTrue();
        assertThatThrownBy(() -> GridCrs.fromEpsg(4978)).isInstanceOf(TerrainException.class)
                .hasMessageContaining("unsupported CRS EPSG:4978");
        assertThatThrownBy(() -> GridCrs.utm(61, true)).hasMessageContaining("UTM zone");
    }

    @Test
    void syntheticTerrainIsRepeatableAndHasRelief() {
        ElevationGrid a = SyntheticTerrain.demo(11, 300, 30);
        ElevationGrid b = SyntheticTerrain.demo(11, 300, 30);
        ElevationGrid c = SyntheticTerrain.demo(12, 300, 30);
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        boolean differs = false;
        for (int r = 0; r < 300; r++) {
            for (int col = 0; col < 300; col++) {
                assertThat(a.get(col, r)).isEqualTo(b.get(col, r));
                differs |= a.get(col, r) != c.get(col, r);
                min = Math.min(min, a.get(col, r));
                max = Math.max(max, a.get(col, r));
            }
        }
        assertThat(differs).isTrue();
        assertThat(min).isGreaterThanOrEqualTo(20f);
        assertThat(max - min).as("relief over 9 km").isGreaterThan(200f);
        assertThat(a.crs().epsgCode()).isEqualTo(SyntheticTerrain.DEMO_EPSG);
    }

    @Test
    void largeGridsAreMemoryMappedNotHeapAllocated() {
        java.nio.FloatBuffer big = SampleStorage.allocate(8200, 8200);
        assertThat(big.isDirect()).isTrue();
        assertThat(big.capacity()).isEqualTo(8200 * 8200);
        assertThat(SampleStorage.allocate(100, 100).isDirect()).isFalse();
        assertThatThrownBy(() -> SampleStorage.allocate(40_000, 40_000)).hasMessageContaining("too large");
    }
}
