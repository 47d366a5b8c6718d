package org.rescuemesh.planner.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.rescuemesh.planner.radio.DipoleErp;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.radio.ItmPointToPoint;
import org.rescuemesh.planner.radio.TerrainProfile;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.SyntheticTerrain;
import org.rescuemesh.planner.terrain.TerrainException;

class CoverageRasterizerTest {
    private static final ElevationGrid DEM = SyntheticTerrain.demo(11, 241, 30);
    private static final ItmParameters ITM = ItmParameters.defaults();

    private static CoverageRequest request(double radiusM, CoverageModel model) {
        double[] lonLat = DEM.crs().toLonLat(DEM.cellCenterX(120, 120), DEM.cellCenterY(120, 120));
        return new CoverageRequest(lonLat[1], lonLat[0], 10, 2, 446, 5, radiusM, model, ITM);
    }

    @Test
    void everyCellWithinTheRadiusAndNoneBeyondIsComputed() {
        CoverageRequest req = request(3000, CoverageModel.ITM);
        ReceivedPowerRaster raster = new CoverageRasterizer(2).compute(DEM, req);
        double[] xy = DEM.crs().fromLonLat(req.lon(), req.lat());
        int inside = 0;
        for (int r = 0; r < raster.height(); r++) {
            for (int c = 0; c < raster.width(); c++) {
                int col = raster.col0() + c;
                int row = raster.row0() + r;
                double d = Math.hypot(DEM.cellCenterX(col, row) - xy[0], DEM.cellCenterY(col, row) - xy[1]);
                double v = raster.dbmAt(c, r);
                if (col == 120 && row == 120) {
                    assertThat(v).as("the transmitter's own cell").isNaN();
                } else if (d <= 3000) {
                    inside++;
                    assertThat(v).as("cell %d,%d at %.0f m", col, row, d).isFinite();
                    assertThat(v).isLessThan(DipoleErp.eirpDbm(5));
                } else {
                    assertThat(v).as("cell %d,%d at %.0f m", col, row, d).isNaN();
                }
            }
        }
        // π·(3000/30)² ≈ 31,400 cells
        assertThat(inside).isBetween(31_000, 31_800);
        assertThat(raster.computedCells()).isEqualTo(inside);
    }

    @Test
    void eachCellIsItmOnItsRayPrefixAndCloseToTheExactPathToTheCellCentre() {
        CoverageRequest req = request(3000, CoverageModel.ITM);
        double[] xy = DEM.crs().fromLonLat(req.lon(), req.lat());
        RadialSweep sweep = RadialSweep.cast(DEM, xy[0], xy[1], 3000);
        ReceivedPowerRaster raster = new CoverageRasterizer(1).compute(sweep, req);
        ItmPointToPoint itm = new ItmPointToPoint(ITM);
        double eirp = DipoleErp.eirpDbm(5);
        double[] diffs = new double[400];
        int n = 0;
        for (int i = 0; n < diffs.length; i++) {
            int c = (i * 37) % sweep.width();
            int r = (i * 53 + i / 7) % sweep.height();
            TerrainProfile p = sweep.profileFor(c, r);
            if (p == null) {
                continue;
            }
            double direct = eirp - itm.predict(p, 10, 2, 446).basicTransmissionLossDb();
            assertThat(raster.dbmAt(c, r)).isCloseTo(direct, org.assertj.core.data.Offset.offset(1e-4));
            // the exact path to the cell centre, sampled independently by the terrain layer
            int col = sweep.col0() + c;
            int row = sweep.row0() + r;
            double x = DEM.cellCenterX(col, row);
            double y = DEM.cellCenterY(col, row);
            if (Math.hypot(x - xy[0], y - xy[1]) < 100) {
                continue;
            }
            org.rescuemesh.planner.terrain.TerrainProfile exact = DEM.profileWithStep(xy[0], xy[1], x, y, 30);
            double exactDbm = eirp - itm.predict(TerrainProfile.of(exact.stepMetres(), exact.elevations()), 10, 2, 446)
                    .basicTransmissionLossDb();
            diffs[n++] = Math.abs(raster.dbmAt(c, r) - exactDbm);
        }
        Arrays.sort(diffs);
        // the path ends at the ray sample nearest the centre (≤ about half a cell off), not at the centre
        assertThat(diffs[diffs.length / 2]).isLessThan(0.5);
        assertThat(diffs[(int) (diffs.length * 0.9)]).isLessThan(3.0);
    }

    @Test
    void threadCountChangesNeitherTheSweepNorTheRaster() {
        // transmitter near a corner so that rays are cut by the DEM edge as well
        double[] lonLat = DEM.crs().toLonLat(DEM.cellCenterX(20, 35), DEM.cellCenterY(20, 35));
        CoverageRequest req = new CoverageRequest(lonLat[1], lonLat[0], 10, 2, 446, 5, 4000, CoverageModel.ITM, ITM);
        double[] xy = DEM.crs().fromLonLat(req.lon(), req.lat());
        RadialSweep one = RadialSweep.cast(DEM, xy[0], xy[1], 4000, ProfileSampling.BILINEAR, 1);
        RadialSweep three = RadialSweep.cast(DEM, xy[0], xy[1], 4000, ProfileSampling.BILINEAR, 3);
        assertThat(three.rayCount()).isEqualTo(one.rayCount());
        for (int ray = 0; ray < one.rayCount(); ray++) {
            assertThat(three.stepM(ray)).isEqualTo(one.stepM(ray));
            assertThat(three.elevationsView(ray)).isEqualTo(one.elevationsView(ray));
        }
        assertThat(three.cellRays()).isEqualTo(one.cellRays());
        assertThat(three.cellSamples()).isEqualTo(one.cellSamples());
        ReceivedPowerRaster a = new CoverageRasterizer(1).compute(one, req);
        ReceivedPowerRaster b = new CoverageRasterizer(2).compute(DEM, req);
        int computed = 0;
        for (int r = 0; r < a.height(); r++) {
            for (int c = 0; c < a.width(); c++) {
                assertThat(Double.valueOf(b.dbmAt(c, r))).as("cell %d,%d", c, r).isEqualTo(Double.valueOf(a.dbmAt(c, r)));
                computed += Double.isNaN(a.dbmAt(c, r)) ? 0 : 1;
            }
        }
        assertThat(computed).isGreaterThan(10_000);
    }

    @Test
    void freeSpaceModelIsTheFormulaAtTheCellCentreDistance() {
        CoverageRequest req = request(2000, CoverageModel.FSPL);
        ReceivedPowerRaster raster = new CoverageRasterizer(2).compute(DEM, req);
        double[] xy = DEM.crs().fromLonLat(req.lon(), req.lat());
        for (int[] cell : new int[][] {{130, 120}, {150, 100}, {100, 170}, {121, 121}, {120, 119}}) {
            double d = Math.hypot(DEM.cellCenterX(cell[0], cell[1]) - xy[0], DEM.cellCenterY(cell[0], cell[1]) - xy[1]);
            double expected = 10 * Math.log10(5 * 1000.0) + 2.14 - (32.45 + 20 * Math.log10(446) + 20 * Math.log10(d / 1000));
            assertThat(raster.dbmAtDemCell(cell[0], cell[1])).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void transmitterOutsideTheDemIsRejected() {
        CoverageRequest req = new CoverageRequest(0, 0, 10, 2, 446, 5, 1000, CoverageModel.ITM, ITM);
        assertThatThrownBy(() -> new CoverageRasterizer(1).compute(DEM, req))
                .isInstanceOf(TerrainException.class).hasMessageContaining("outside the DEM extent");
    }

    @Test
    void requestNamesTheBadParameter() {
        assertThatThrownBy(() -> new CoverageRequest(15, 120, -1, 2, 446, 5, 1000, CoverageModel.ITM, ITM))
                .hasMessageContaining("tx height must be a non-negative number of metres");
        assertThatThrownBy(() -> new CoverageRequest(15, 120, 10, 2, 10, 5, 1000, CoverageModel.ITM, ITM))
                .hasMessageContaining("frequency must be within 20..20000 MHz");
        assertThatThrownBy(() -> new CoverageRequest(15, 120, 10, 2, 446, 0, 1000, CoverageModel.ITM, ITM))
                .hasMessageContaining("ERP");
        assertThatThrownBy(() -> new CoverageRequest(15, 120, 10, 2, 446, 5, -3, CoverageModel.ITM, ITM))
                .hasMessageContaining("radius");
    }
}
