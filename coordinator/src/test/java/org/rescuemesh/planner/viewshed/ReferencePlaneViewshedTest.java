package org.rescuemesh.planner.viewshed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.IntBinaryOperator;

import org.junit.jupiter.api.Test;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTransform;
import org.rescuemesh.planner.terrain.GridCrs;
import org.rescuemesh.planner.terrain.SyntheticTerrain;
import org.rescuemesh.planner.terrain.TerrainException;

class ReferencePlaneViewshedTest {
    private static final double CELL = 10;
    private static final GridCrs UTM = GridCrs.fromEpsg(32651);

    /** A UTM grid whose height at (col, row) comes from {@code height}, 1 cell = 10 m. */
    private static ElevationGrid grid(int w, int h, HeightFn height) {
        float[] z = new float[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                z[r * w + c] = (float) height.at(c, r);
            }
        }
        return ElevationGrid.of(z, w, h, GeoTransform.northUp(400_000, 1_700_000, CELL, CELL), UTM, Float.NaN);
    }

    interface HeightFn {
        double at(int col, int row);
    }

    private static ViewshedParameters at(ElevationGrid g, int col, int row, double oh, double th) {
        return ViewshedParameters.of(g.cellCenterX(col, row), g.cellCenterY(col, row), oh, th).withCurvatureCoefficient(0);
    }

    private static long count(Viewshed v, IntBinaryOperator predicate) {
        long n = 0;
        for (int r = 0; r < v.height(); r++) {
            for (int c = 0; c < v.width(); c++) {
                n += predicate.applyAsInt(c, r);
            }
        }
        return n;
    }

    @Test
    void flatPlaneIsEntirelyVisible() {
        ElevationGrid g = grid(201, 151, (c, r) -> 250);
        Viewshed v = ReferencePlaneViewshed.compute(g, at(g, 37, 101, 1.5, 0));
        assertThat(v.width()).isEqualTo(201);
        assertThat(v.height()).isEqualTo(151);
        assertThat(v.visibleCount()).isEqualTo(201L * 151);
    }

    @Test
    void observerOnConeApexSeesTheWholeCone() {
        int n = 161, cx = 80, cy = 80;
        ElevationGrid g = grid(n, n, (c, r) -> 900 - 0.3 * CELL * Math.hypot(c - cx, r - cy));
        Viewshed v = ReferencePlaneViewshed.compute(g, at(g, cx, cy, 2, 0));
        assertThat(v.visibleCount()).isEqualTo((long) n * n);
    }

    @Test
    void gdal36NeighbourRuleHidesTheDownhillSideOfTheSummit() {
        int n = 161, cx = 80, cy = 80;
        ElevationGrid g = grid(n, n, (c, r) -> 900 - 0.3 * CELL * Math.hypot(c - cx, r - cy));
        Viewshed v = ReferencePlaneViewshed.compute(g, at(g, cx, cy, 2, 0).withNeighbourRule(NeighbourRule.GDAL_3_6));
        // On the observer's row GDAL 3.6 tracks the slope exactly: the whole row is visible.
        for (int c = 0; c < n; c++) {
            assertThat(v.isVisible(c, cy)).isTrue();
        }
        // Straight above and below, the neighbour is compared with the observer's ground (900 m),
        // fails, and its 900 m becomes the horizon for the rest of the column.
        for (int r = 0; r < n; r++) {
            assertThat(v.isVisible(cx, r)).as("row %d", r).isEqualTo(r == cy);
        }
        assertThat(v.visibleCount()).isLessThan((long) n * n / 2);
    }

    @Test
    void observerAtBottomOfConicalPitSeesAllItsWalls() {
        int n = 161, cx = 80, cy = 80;
        ElevationGrid g = grid(n, n, (c, r) -> 100 + 0.3 * CELL * Math.hypot(c - cx, r - cy));
        Viewshed v = ReferencePlaneViewshed.compute(g, at(g, cx, cy, 2, 0));
        assertThat(v.visibleCount()).isEqualTo((long) n * n);
    }

    @Test
    void observerInWalledPitSeesFloorAndRimButNothingBeyond() {
        int n = 121, cx = 60, cy = 60;
        double rim = 20; // cells
        // Pit floor at 100 m, a plain at 130 m outside radius 20 cells; eye 2 m above the floor.
        ElevationGrid g = grid(n, n, (c, r) -> Math.hypot(c - cx, r - cy) <= rim ? 100 : 130);
        Viewshed v = ReferencePlaneViewshed.compute(g, at(g, cx, cy, 2, 0));
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double d = Math.hypot(c - cx, r - cy);
                boolean firstOutside = d > rim && d <= rim + 1.5;
                if (d <= rim) {
                    assertThat(v.isVisible(c, r)).as("floor (%d,%d)", c, r).isTrue();
                } else if (!firstOutside) {
                    assertThat(v.isVisible(c, r)).as("beyond rim (%d,%d)", c, r).isFalse();
                }
            }
        }
        // The rim (first ring of plain cells) faces the observer and is seen.
        assertThat(v.isVisible(cx + 21, cy)).isTrue();
        assertThat(v.isVisible(cx, cy - 21)).isTrue();
    }

    @Test
    void singleWallCastsTheAnalyticShadow() {
        // Ground 100 m, a north-south wall 12 m high 10 columns east of the observer, eye 20 m, target 1 m.
        // A target x columns east (x > 10) is hidden iff the sight line passes below the wall top:
        // 20 + (1 - 20)·10/x < 12  <=>  x < 10·19/8 = 23.75.
        int w = 121, h = 121, ox = 40, oy = 60, wall = ox + 10;
        ElevationGrid g = grid(w, h, (c, r) -> c == wall ? 112 : 100);
        Viewshed v = ReferencePlaneViewshed.compute(g, at(g, ox, oy, 20, 1));
        long wrong = count(v, (c, r) -> {
            int x = c - ox;
            boolean expected = !(x > 10 && x < 23.75);
            return v.isVisible(c, r) == expected ? 0 : 1;
        });
        assertThat(wrong).isZero();
        long hidden = count(v, (c, r) -> v.isVisible(c, r) ? 0 : 1);
        assertThat(hidden).isEqualTo(13L * h); // columns x = 11..23, every row
    }

    @Test
    void curvatureHidesAFlatEarthBeyondTheDiscreteHorizonAlongTheRow() {
        // Along the observer's row the pass is exact 1-D horizon tracking: with ground lowered by
        // c·d² (c = cc/D), cell x is visible iff x(x-1) <= H / (c·s²).
        ElevationGrid g = grid(1001, 5, (c, r) -> 0);
        double cc = 0.85714, diameter = 12_756_274, eye = 5, s = CELL;
        Viewshed v = ReferencePlaneViewshed.compute(g, ViewshedParameters.of(g.cellCenterX(0, 2), g.cellCenterY(0, 2), eye, 0)
                .withCurvatureCoefficient(cc).withEarthDiameter(diameter));
        double limit = eye / (cc / diameter * s * s);
        for (int x = 1; x < 1001; x++) {
            boolean expected = (double) x * (x - 1) <= limit;
            assertThat(v.isVisible(x, 2)).as("cell %d", x).isEqualTo(expected);
        }
        assertThat(v.isVisible(1000, 2)).isFalse();
        assertThat(v.isVisible(100, 2)).isTrue();
    }

    @Test
    void maxDistanceCropsTheWindowLikeGdalAndBlanksCellsBeyondIt() {
        ElevationGrid g = grid(101, 101, (c, r) -> 50);
        Viewshed v = ReferencePlaneViewshed.compute(g, at(g, 50, 50, 2, 0).withMaxDistance(200));
        // gdal_viewshed: columns floor(50 - 20) .. ceil(50 + 20) + 1 (exclusive) → 41 wide.
        assertThat(v.width()).isEqualTo(41);
        assertThat(v.height()).isEqualTo(41);
        assertThat(v.windowCol()).isEqualTo(30);
        assertThat(v.transform().originX()).isEqualTo(400_000 + 30 * CELL);
        for (int r = 0; r < v.height(); r++) {
            for (int c = 0; c < v.width(); c++) {
                double d = CELL * Math.hypot(c - v.observerCol(), r - v.observerRow());
                assertThat(v.isVisible(c, r)).as("(%d,%d) at %.1f m", c, r, d).isEqualTo(d <= 200);
            }
        }
    }

    @Test
    void twoThreadsGiveTheSameCellsAsOne() {
        ElevationGrid g = SyntheticTerrain.demo(7, 301, 30);
        ViewshedParameters p = ViewshedParameters.of(g.cellCenterX(150, 140), g.cellCenterY(150, 140), 10, 2);
        Viewshed a = ReferencePlaneViewshed.compute(g, p, true);
        Viewshed b = ReferencePlaneViewshed.compute(g, p, false);
        assertThat(a.cells()).isEqualTo(b.cells());
        assertThat(a.visibleCount()).isBetween(1L, 301L * 301 - 1);
        assertThat(a.visibleCount()).isEqualTo(b.visibleCount());
    }

    @Test
    void visibleCountIsTheNumberOfVisibleCells() {
        ElevationGrid g = SyntheticTerrain.demo(7, 301, 30);
        double[][] observers = {{150, 140}, {2, 290}, {299, 0}};
        for (double[] o : observers) {
            for (double md : new double[] {0, 1800}) {
                for (boolean parallel : new boolean[] {true, false}) {
                    Viewshed v = ReferencePlaneViewshed.compute(g, ViewshedParameters.of(
                            g.cellCenterX((int) o[0], (int) o[1]), g.cellCenterY((int) o[0], (int) o[1]), 10, 2)
                            .withMaxDistance(md), parallel);
                    long n = 0;
                    for (byte b : v.cells()) {
                        if ((b & 0xFF) == Viewshed.VISIBLE) {
                            n++;
                        }
                    }
                    assertThat(v.visibleCount()).isEqualTo(n).isPositive();
                }
            }
        }
    }

    @Test
    void geographicGridUsesMetresForMaxDistance() {
        // 3" cells at 47° N: ~63 m east-west, ~93 m north-south. A 1 km limit spans ±16 columns, ±11 rows.
        double res = 1.0 / 1200;
        float[] z = new float[201 * 201];
        java.util.Arrays.fill(z, 400);
        ElevationGrid g = ElevationGrid.of(z, 201, 201, new GeoTransform(8, res, 0, 47.2, 0, -res), GridCrs.wgs84(), -32768);
        Viewshed v = ReferencePlaneViewshed.compute(g, ViewshedParameters.of(g.cellCenterX(100, 100), g.cellCenterY(100, 100), 2, 0)
                .withMaxDistance(1000));
        assertThat(v.width()).isBetween(33, 36);
        assertThat(v.height()).isBetween(22, 25);
        assertThat(v.isVisible(v.observerCol() + 15, v.observerRow())).isTrue();
        assertThat(v.isVisible(v.observerCol(), v.observerRow() + 10)).isTrue();
        assertThat(v.isVisible(v.observerCol() + 12, v.observerRow() + 9)).isFalse();
    }

    @Test
    void observerOutsideTheDemIsRejectedWithItsPosition() {
        ElevationGrid g = grid(50, 50, (c, r) -> 10);
        assertThatThrownBy(() -> ReferencePlaneViewshed.compute(g, ViewshedParameters.of(399_000, 1_699_900, 2, 0)))
                .isInstanceOf(TerrainException.class)
                .hasMessageContaining("observer (399000.0, 1699900.0) is outside the DEM extent");
    }

    @Test
    void negativeHeightsAndDistancesAreRejected() {
        assertThatThrownBy(() -> ViewshedParameters.of(0, 0, -1, 0)).hasMessageContaining("observer height");
        assertThatThrownBy(() -> ViewshedParameters.of(0, 0, 1, -2)).hasMessageContaining("target height");
        assertThatThrownBy(() -> ViewshedParameters.of(0, 0, 1, 0).withMaxDistance(-5)).hasMessageContaining("max distance");
        assertThatThrownBy(() -> ViewshedParameters.of(0, 0, 1, 0).withCurvatureCoefficient(Double.NaN))
                .hasMessageContaining("curvature coefficient");
    }

    @Test
    void observerOnAVoidIsRejected() {
        ElevationGrid g = grid(20, 20, (c, r) -> c == 5 && r == 5 ? Double.NaN : 10);
        assertThatThrownBy(() -> ReferencePlaneViewshed.compute(g, at(g, 5, 5, 2, 0)))
                .isInstanceOf(TerrainException.class).hasMessageContaining("void");
    }
}
