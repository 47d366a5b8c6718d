package org.rescuemesh.planner.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTransform;
import org.rescuemesh.planner.terrain.GridCrs;
import org.rescuemesh.planner.terrain.SyntheticTerrain;
import org.rescuemesh.planner.terrain.TerrainProfile;

class PathSamplerTest {

    @Test
    void geodesicKnotsWithLinearStretchesMatchTheExactGeodesicProfile() {
        // synthetic heights laid on a 3" geographic lattice at 45 N, where geodesics bend most visibly in lon/lat
        ElevationGrid metric = SyntheticTerrain.demo(3, 601, 90);
        float[] z = new float[601 * 601];
        for (int r = 0; r < 601; r++) {
            for (int c = 0; c < 601; c++) {
                z[r * 601 + c] = metric.get(c, r);
            }
        }
        ElevationGrid dem = ElevationGrid.of(z, 601, 601, GeoTransform.northUp(7.0, 45.5, 1 / 1200.0, 1 / 1200.0),
                GridCrs.wgs84(), Float.NaN);
        double x0 = 7.02, y0 = 45.45, x1 = 7.48, y1 = 45.07;   // ≈ 55 km, diagonal
        PathSampler.SampledPath fast = PathSampler.sample(dem, x0, y0, x1, y1, 60);
        TerrainProfile exact = dem.profile(x0, y0, x1, y1, fast.elevations().length);
        assertThat(fast.stepM()).isCloseTo(exact.stepMetres(), Offset.offset(1e-6));
        for (int i = 0; i < fast.elevations().length; i++) {
            assertThat(fast.elevations()[i]).as("sample %d", i).isCloseTo(exact.elevation(i), Offset.offset(0.05));
        }
        assertThat(PathSampler.sample(dem, x0, y0, 8.5, y1, 60)).as("leaves the DEM").isNull();
    }

    @Test
    void projectedPathsAreStraightMapLines() {
        ElevationGrid dem = SyntheticTerrain.demo(4, 201, 30);
        double x0 = dem.cellCenterX(10, 10), y0 = dem.cellCenterY(10, 10);
        double x1 = dem.cellCenterX(190, 150), y1 = dem.cellCenterY(190, 150);
        PathSampler.SampledPath p = PathSampler.sample(dem, x0, y0, x1, y1, 30);
        TerrainProfile exact = dem.profile(x0, y0, x1, y1, p.elevations().length);
        assertThat(p.elevations()).containsExactly(exact.elevations(), Offset.offset(1e-9));
    }
}
