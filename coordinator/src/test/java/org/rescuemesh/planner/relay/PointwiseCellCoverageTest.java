package org.rescuemesh.planner.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rescuemesh.planner.coverage.SampleCells;
import org.rescuemesh.planner.coverage.SearchArea;
import org.rescuemesh.planner.coverage.SearchAreaSampler;

class PointwiseCellCoverageTest {

    private static final SearchArea STRIP = SearchArea.fromWkt("strip", "",
            "POLYGON((124 10, 124.1 10, 124.1 10.01, 124 10.01, 124 10))");
    private final RangeLinkPredictor ranges = new RangeLinkPredictor(Map.of("mesh", 5_000.0, "handheld", 2_000.0));

    @Test
    void coversCellsWithinTheWeakerDirectionsRangeAndSkipsFarOnes() {
        SampleCells cells = SearchAreaSampler.sample(List.of(STRIP), 100);
        AtomicInteger calls = new AtomicInteger();
        LinkPredictor counting = (a, b) -> {
            calls.incrementAndGet();
            return ranges.predict(a, b);
        };
        Site relay = new Site(new GeoPoint(10.005, 124.0), 3, "mesh");

        BitSet covered = new PointwiseCellCoverage(counting, "handheld", 1.5, 0, 4_000)
                .coveredCells(relay, cells, Cancellation.create());

        int within2km = 0;
        int within4km = 0;
        for (int i = 0; i < cells.size(); i++) {
            double d = relay.position().distanceM(new GeoPoint(cells.lat(i), cells.lon(i)));
            within2km += d <= 2_000 ? 1 : 0;
            within4km += d <= 4_000 ? 1 : 0;
            assertThat(covered.get(i)).isEqualTo(d <= 2_000);
        }
        assertThat(covered.cardinality()).isEqualTo(within2km).isPositive();
        assertThat(calls.get()).isEqualTo(within4km).isLessThan(cells.size());
    }

    @Test
    void stopsWhenCancelled() {
        SampleCells cells = SearchAreaSampler.sample(List.of(STRIP), 100);
        Cancellation cancellation = Cancellation.create();
        cancellation.cancel();
        assertThatThrownBy(() -> new PointwiseCellCoverage(ranges, "handheld", 1.5, 0, 4_000)
                .coveredCells(new Site(new GeoPoint(10, 124), 3, "mesh"), cells, cancellation))
                .isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> new PointwiseCellCoverage(ranges, "handheld", 1.5, 0, 0))
                .hasMessageContaining("maximum range");
    }

    @Test
    void planMapsToTheRelayPlanContract() {
        MeshNode cp = new MeshNode("cp", new Site(new GeoPoint(10.005, 124.0), 2, "mesh"));
        RelayPlanner planner = new RelayPlanner(ranges, new PointwiseCellCoverage(ranges, "handheld", 1.5, 0, 20_000),
                RelayPlanOptions.defaults("mesh").withCellSpacingM(100));
        RelayPlan plan = planner.plan(new RelayPlanRequest(cp, List.of(), List.of(STRIP),
                List.of(CandidateSite.operator("p1", 10.005, 124.035)), 1));

        org.rescuemesh.proto.v1.RelayPlan message = RelayPlanMessages.toProto(plan, "plan-1", Instant.EPOCH);

        assertThat(message.getPlanId()).isEqualTo("plan-1");
        assertThat(message.getCoveredPctBefore()).isEqualTo(100 * plan.coveredFractionBefore());
        assertThat(message.getComponentsBefore()).isEqualTo(1);
        assertThat(message.getRelaysCount()).isEqualTo(1);
        assertThat(message.getRelays(0).getRank()).isEqualTo(1);
        assertThat(message.getRelays(0).getPosition().getLonDeg()).isEqualTo(124.035);
        assertThat(message.getRelays(0).getRadioProfile()).isEqualTo("mesh");
        assertThat(message.getRelays(0).getReason()).startsWith("adds ");
        assertThat(message.getRelays(0).getCoveredPctAfter()).isGreaterThan(message.getCoveredPctBefore());
    }
}
