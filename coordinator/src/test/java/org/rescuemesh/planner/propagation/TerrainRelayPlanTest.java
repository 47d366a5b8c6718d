package org.rescuemesh.planner.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.rescuemesh.planner.coverage.CoverageReport;
import org.rescuemesh.planner.coverage.SearchArea;
import org.rescuemesh.planner.coverage.SearchAreaCoverage;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.radio.RadioCatalogue;
import org.rescuemesh.planner.relay.CandidateSite;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.MeshNode;
import org.rescuemesh.planner.relay.PointwiseCellCoverage;
import org.rescuemesh.planner.relay.PredictedLink;
import org.rescuemesh.planner.relay.ProposalReason;
import org.rescuemesh.planner.relay.RelayPlan;
import org.rescuemesh.planner.relay.RelayPlanOptions;
import org.rescuemesh.planner.relay.RelayPlanRequest;
import org.rescuemesh.planner.relay.RelayPlanner;
import org.rescuemesh.planner.relay.Site;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTransform;
import org.rescuemesh.planner.terrain.GridCrs;

/** The relay planner on real terrain: ITM links over a DEM with a ridge between the command post and a team. */
class TerrainRelayPlanTest {
    private static final String RADIO = "lora-868-sf12";
    private static final double CELL_DEG = 1.0 / 1200;   // 3"
    private static final double WEST = 120.4;
    private static final double NORTH = 15.6;
    /** 241 × 241 cells of 3" (≈ 21.5 km square): 100 m plain, a 1,100 m ridge running north-south at column 120. */
    private static final ElevationGrid DEM = ridge();

    private static ElevationGrid ridge() {
        int n = 241;
        float[] z = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double off = Math.abs(c - 120);
                z[r * n + c] = (float) (off < 8 ? 100 + 1000 * (1 - off / 8) : 100);
            }
        }
        return ElevationGrid.of(z, n, n, GeoTransform.northUp(WEST, NORTH, CELL_DEG, CELL_DEG), GridCrs.wgs84(), Float.NaN);
    }

    private static double lon(int col) {
        return WEST + (col + 0.5) * CELL_DEG;
    }

    private static double lat(int row) {
        return NORTH - (row + 0.5) * CELL_DEG;
    }

    private static MeshNode node(String id, int col, int row, double mastM) {
        return new MeshNode(id, new Site(new GeoPoint(lat(row), lon(col)), mastM, RADIO));
    }

    @Test
    void plannerPutsARelayOnTheRidgeToReconnectTheTeamBehindIt() {
        ItmLinkPredictor links = new ItmLinkPredictor(DEM, ItmParameters.defaults());
        MeshNode cp = node("cp", 40, 120, 10);                       // 7.2 km west of the crest
        List<MeshNode> team = List.of(node("t1", 160, 110, 1.5), node("t2", 163, 118, 1.5), node("t3", 158, 126, 1.5));
        // the ridge blocks the direct path, the team hears itself
        assertThat(links.predict(cp.site(), team.get(0).site()).closes(0)).isFalse();
        assertThat(links.predict(team.get(0).site(), team.get(1).site()).closes(0)).isTrue();

        List<CandidateSite> candidates = List.of(
                CandidateSite.operator("valley-north", lat(60), lon(70)),
                CandidateSite.operator("valley-south", lat(180), lon(90)),
                CandidateSite.operator("crest", lat(121), lon(120)));
        SearchArea area = SearchArea.fromWkt("behind", "behind the ridge", String.format(Locale.ROOT,
                "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f))", lon(150), lat(140), lon(175), lat(140), lon(175), lat(100),
                lon(150), lat(100), lon(150), lat(140)));
        RelayPlanOptions options = RelayPlanOptions.defaults(RADIO).withCellSpacingM(500).withParallelism(2);
        RelayPlanner planner = new RelayPlanner(links, new PointwiseCellCoverage(links, RADIO, 1.5, 0, 20_000), options);

        RelayPlan plan = planner.plan(new RelayPlanRequest(cp, team, List.of(area), candidates, 1));

        assertThat(plan.cutOffBefore()).containsExactlyInAnyOrder("t1", "t2", "t3");
        assertThat(plan.proposals()).hasSize(1);
        assertThat(plan.proposals().get(0).candidate().id()).isEqualTo("crest");
        assertThat(plan.proposals().get(0).reason()).isEqualTo(ProposalReason.RECONNECT);
        assertThat(plan.proposals().get(0).reconnectedNodeIds()).containsExactlyInAnyOrder("t1", "t2", "t3");
        assertThat(plan.cutOffAfter()).isEmpty();
    }

    @Test
    void marginsAreReciprocalForOneRadioAndNaNOffTheDem() {
        ItmLinkPredictor links = new ItmLinkPredictor(DEM, ItmParameters.defaults());
        Site a = node("a", 40, 40, 3).site();
        Site b = node("b", 90, 60, 3).site();
        PredictedLink ab = links.predict(a, b);
        PredictedLink ba = links.predict(b, a);
        assertThat(ab.marginForwardDb()).isEqualTo(ab.marginReverseDb());
        assertThat(ab.marginForwardDb()).isCloseTo(ba.marginForwardDb(), org.assertj.core.data.Offset.offset(1e-6));
        Site off = new Site(new GeoPoint(40, 10), 3, RADIO);
        assertThat(links.predict(a, off).marginForwardDb()).isNaN();
        assertThat(links.predict(a, off).closes(-1000)).isFalse();
    }

    @Test
    void heightFunctionAndCoverageRasterAdaptersReadTheDem() {
        DemHeightFunction heights = new DemHeightFunction(DEM);
        assertThat(heights.heightM(lat(50), lon(120))).isCloseTo(1100, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(heights.heightM(lat(50), lon(30))).isEqualTo(100);
        assertThat(heights.heightM(0, 0)).isNaN();

        // a transmitter west of the ridge covers the west half of a box straddling it, not the east half
        CoverageRequest request = new CoverageRequest(lat(120), lon(60), 10, 1.5, 868, 0.05, 10_000, CoverageModel.ITM,
                ItmParameters.defaults());
        ReceivedPowerRaster power = new CoverageRasterizer(2).compute(DEM, request);
        LinkMarginRaster margins = new LinkMarginRaster(List.of(power), RadioCatalogue.byName(RADIO));
        SearchArea west = box("west", 70, 100, 110, 140);
        SearchArea east = box("east", 130, 100, 170, 140);
        CoverageReport w = SearchAreaCoverage.assess(west, margins);
        CoverageReport e = SearchAreaCoverage.assess(east, margins);
        assertThat(w.coveredFraction()).isGreaterThan(0.95);
        assertThat(e.coveredFraction()).isLessThan(0.2);
        assertThat(margins.grid().width()).isEqualTo(power.width());
    }

    private static SearchArea box(String id, int c0, int r0, int c1, int r1) {
        return SearchArea.fromWkt(id, id, String.format(Locale.ROOT, "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f))",
                lon(c0), lat(r1), lon(c1), lat(r1), lon(c1), lat(r0), lon(c0), lat(r0), lon(c0), lat(r1)));
    }
}
