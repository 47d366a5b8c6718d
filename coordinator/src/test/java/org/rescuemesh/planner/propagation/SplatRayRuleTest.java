package org.rescuemesh.planner.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.rescuemesh.planner.radio.DipoleErp;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.radio.ItmPointToPoint;
import org.rescuemesh.planner.radio.TerrainProfile;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTransform;
import org.rescuemesh.planner.terrain.GridCrs;
import org.rescuemesh.planner.terrain.SyntheticTerrain;
import org.rescuemesh.planner.terrain.TerrainException;

/**
 * {@link RayRule#SPLAT_1_4} against its documented geometry, rebuilt here independently (unit
 * vectors on the sphere rather than the spherical-trigonometry formulas of {@link SplatRays}).
 */
class SplatRayRuleTest {
    private static final double CELL_DEG = 1.0 / 1200;
    private static final int N = 241;
    private static final double WEST = 120.4 - 0.5 * CELL_DEG;
    private static final double NORTH = 15.6 + 0.5 * CELL_DEG;
    private static final double RADIUS_M = 5000;
    private static final ElevationGrid DEM = geographicDemo();
    private static final ItmParameters ITM = ItmParameters.defaults();
    /** Transmitter 0.3 cell east and 0.2 cell south of a cell centre, off the lattice's symmetries. */
    private static final double TX_LON = WEST + (117 + 0.8) * CELL_DEG;
    private static final double TX_LAT = NORTH - (131 + 0.7) * CELL_DEG;

    /** The synthetic ridges and valleys laid on a 3" latitude/longitude lattice (cell centres on whole multiples of 3"). */
    private static ElevationGrid geographicDemo() {
        ElevationGrid metric = SyntheticTerrain.demo(7, N, 90);
        float[] z = new float[N * N];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                z[r * N + c] = metric.get(c, r);
            }
        }
        return ElevationGrid.of(z, N, N, GeoTransform.northUp(WEST, NORTH, CELL_DEG, CELL_DEG), GridCrs.wgs84(), Float.NaN);
    }

    private static CoverageRequest request() {
        return new CoverageRequest(TX_LAT, TX_LON, 10, 2, 446, 5, RADIUS_M, CoverageModel.ITM, ITM);
    }

    @Test
    void splatRuleIsDeterministicAndIndependentOfTheThreadCount() {
        RadialSweep one = RadialSweep.cast(DEM, TX_LON, TX_LAT, RADIUS_M, RayRule.SPLAT_1_4, 1);
        RadialSweep three = RadialSweep.cast(DEM, TX_LON, TX_LAT, RADIUS_M, RayRule.SPLAT_1_4, 3);
        assertThat(three.rule()).isEqualTo(RayRule.SPLAT_1_4);
        assertThat(three.rayCount()).isEqualTo(one.rayCount());
        for (int ray = 0; ray < one.rayCount(); ray++) {
            assertThat(three.stepM(ray)).isEqualTo(one.stepM(ray));
            assertThat(three.elevationsView(ray)).isEqualTo(one.elevationsView(ray));
        }
        assertThat(three.cellRays()).isEqualTo(one.cellRays());
        assertThat(three.cellSamples()).isEqualTo(one.cellSamples());
        ReceivedPowerRaster a = new CoverageRasterizer(1).compute(one, request());
        ReceivedPowerRaster b = new CoverageRasterizer(2).compute(DEM, request(), RayRule.SPLAT_1_4);
        assertThat(b.width()).isEqualTo(a.width());
        int computed = 0;
        for (int r = 0; r < a.height(); r++) {
            for (int c = 0; c < a.width(); c++) {
                assertThat(Double.valueOf(b.dbmAt(c, r))).as("cell %d,%d", c, r).isEqualTo(Double.valueOf(a.dbmAt(c, r)));
                computed += Double.isNaN(a.dbmAt(c, r)) ? 0 : 1;
            }
        }
        // π·(5000/~90)² ≈ 9,700 cells
        assertThat(computed).isBetween(9_000, 10_500);
    }

    @Test
    void eachCellIsClaimedByTheFirstSampleInSplatOrderThatRoundsToItAndItsPathEndsOneSampleShort() {
        RadialSweep sweep = RadialSweep.cast(DEM, TX_LON, TX_LAT, RADIUS_M, RayRule.SPLAT_1_4, 2);
        int w = sweep.width();
        int h = sweep.height();
        int[] expectedRay = new int[w * h];
        int[] expectedEnd = new int[w * h];
        java.util.Arrays.fill(expectedRay, -1);
        double[] tx = unit(TX_LAT, TX_LON);
        double radiusMiles = RADIUS_M / 1609.344;
        int ray = 0;
        int checkedSteps = 0;
        for (int[] end : perimeterInSplatOrder()) {
            double endLon = WEST + (end[0] + 0.5) * CELL_DEG;
            double endLat = NORTH - (end[1] + 0.5) * CELL_DEG;
            double[] dest = unit(endLat, endLon);
            double angle = Math.atan2(norm(cross(tx, dest)), dot(tx, dest));
            double pixels = Math.hypot((endLat - TX_LAT) / CELL_DEG, (endLon - TX_LON) / CELL_DEG);
            double stepMiles = 3959.0 * angle / pixels;
            assertThat(sweep.stepM(ray)).as("ray %d spacing", ray).isCloseTo(stepMiles * 1609.344, Offset.offset(1e-6));
            checkedSteps++;
            // the great circle through tx and dest: tx·cos a + u·sin a, u ⟂ tx in their plane
            double[] u = normalise(subtract(dest, scale(tx, dot(tx, dest))));
            double[] z = sweep.elevationsView(ray);
            for (int k = 1; k * stepMiles <= radiusMiles; k++) {
                double a = k * stepMiles / 3959.0;
                double[] p = add(scale(tx, Math.cos(a)), scale(u, Math.sin(a)));
                double lat = Math.toDegrees(Math.asin(p[2]));
                double lon = Math.toDegrees(Math.atan2(p[1], p[0]));
                int col = (int) Math.rint((lon - WEST) / CELL_DEG - 0.5);
                int row = (int) Math.rint((NORTH - lat) / CELL_DEG - 0.5);
                // heights are those of the nearest cell (kept up to the last sample a path ends at)
                if (k < z.length) {
                    assertThat(z[k]).as("ray %d sample %d height", ray, k).isEqualTo(DEM.get(col, row));
                }
                int c = col - sweep.col0();
                int r = row - sweep.row0();
                if (k >= 2 && c >= 0 && r >= 0 && c < w && r < h && expectedRay[r * w + c] < 0) {
                    expectedRay[r * w + c] = ray;
                    expectedEnd[r * w + c] = k - 1;
                }
            }
            ray++;
        }
        assertThat(ray).isEqualTo(sweep.rayCount());
        int txCell = (DEM.rowOf(TX_LON, TX_LAT) - sweep.row0()) * w + DEM.colOf(TX_LON, TX_LAT) - sweep.col0();
        expectedRay[txCell] = -1;
        int claimed = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int i = r * w + c;
                assertThat(sweep.rayOf(c, r)).as("ray of cell %d,%d", c, r).isEqualTo(expectedRay[i]);
                if (expectedRay[i] >= 0) {
                    assertThat(sweep.sampleOf(c, r)).as("path end of cell %d,%d", c, r).isEqualTo(expectedEnd[i]);
                    claimed++;
                }
            }
        }
        assertThat(claimed).isGreaterThan(9_000);
        // each ray keeps its profile up to the last sample a cell's path ends at, and no further
        int[] lastEnd = new int[sweep.rayCount()];
        java.util.Arrays.fill(lastEnd, -1);
        for (int i = 0; i < w * h; i++) {
            if (expectedRay[i] >= 0) {
                lastEnd[expectedRay[i]] = Math.max(lastEnd[expectedRay[i]], expectedEnd[i]);
            }
        }
        for (int k = 0; k < sweep.rayCount(); k++) {
            assertThat(sweep.elevationsView(k).length).as("ray %d profile length", k).isEqualTo(lastEnd[k] + 1);
        }
        assertThat(checkedSteps).isEqualTo(4 * (N - 1));

        // and the value of a cell is ITM over that path: samples 0..k-1 for the sample k in the cell
        ReceivedPowerRaster raster = new CoverageRasterizer(1).compute(sweep, request());
        ItmPointToPoint itm = new ItmPointToPoint(ITM);
        double eirp = DipoleErp.eirpDbm(5);
        for (int i = 0; i < 300; i++) {
            int c = (i * 37) % w;
            int r = (i * 53 + i / 7) % h;
            TerrainProfile p = sweep.profileFor(c, r);
            if (p == null) {
                assertThat(raster.dbmAt(c, r)).isNaN();
                continue;
            }
            assertThat(p.elevationsM().length).isEqualTo(expectedEnd[r * w + c] + 1);
            double expected = eirp - itm.predict(p, 10, 2, 446).basicTransmissionLossDb();
            assertThat(raster.dbmAt(c, r)).isCloseTo(expected, Offset.offset(1e-4));
        }
    }

    @Test
    void theDefaultRuleIsUnchangedByTheOptionAndTheTwoRulesAgreeOnMostCells() {
        ReceivedPowerRaster byDefault = new CoverageRasterizer(2).compute(DEM, request());
        ReceivedPowerRaster cellCentre = new CoverageRasterizer(2).compute(DEM, request(), RayRule.CELL_CENTRE);
        ReceivedPowerRaster splat = new CoverageRasterizer(2).compute(DEM, request(), RayRule.SPLAT_1_4);
        int both = 0;
        int within3 = 0;
        for (int r = 0; r < byDefault.height(); r++) {
            for (int c = 0; c < byDefault.width(); c++) {
                assertThat(Double.valueOf(cellCentre.dbmAt(c, r))).isEqualTo(Double.valueOf(byDefault.dbmAt(c, r)));
                double s = splat.dbmAtDemCell(byDefault.col0() + c, byDefault.row0() + r);
                double d = byDefault.dbmAt(c, r);
                if (!Double.isNaN(s) && !Double.isNaN(d)) {
                    both++;
                    within3 += Math.abs(s - d) <= 3 ? 1 : 0;
                }
            }
        }
        // the same model over paths that end up to about a cell apart: close on most cells, not identical
        assertThat(both).isGreaterThan(9_000);
        assertThat((double) within3 / both).isGreaterThan(0.6).isLessThan(1.0);
    }

    @Test
    void splatRuleNeedsAGeographicDem() {
        ElevationGrid projected = SyntheticTerrain.demo(11, 121, 30);
        double x = projected.cellCenterX(60, 60);
        double y = projected.cellCenterY(60, 60);
        assertThatThrownBy(() -> RadialSweep.cast(projected, x, y, 1000, RayRule.SPLAT_1_4, 1))
                .isInstanceOf(TerrainException.class)
                .hasMessageContaining("needs a north-up geographic")
                .hasMessageContaining("projected");
    }

    /** Outermost cell centres: north edge east to west, east north to south, south east to west, west south to north. */
    private static int[][] perimeterInSplatOrder() {
        int[][] ends = new int[4 * (N - 1)][];
        int n = 0;
        for (int col = N - 2; col >= 0; col--) {
            ends[n++] = new int[] {col, 0};
        }
        for (int row = 1; row <= N - 1; row++) {
            ends[n++] = new int[] {N - 1, row};
        }
        for (int col = N - 2; col >= 0; col--) {
            ends[n++] = new int[] {col, N - 1};
        }
        for (int row = N - 2; row >= 0; row--) {
            ends[n++] = new int[] {0, row};
        }
        return ends;
    }

    private static double[] unit(double latDeg, double lonDeg) {
        double lat = Math.toRadians(latDeg);
        double lon = Math.toRadians(lonDeg);
        return new double[] {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    private static double[] subtract(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] normalise(double[] a) {
        return scale(a, 1 / norm(a));
    }
}
