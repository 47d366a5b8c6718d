package org.rescuemesh.planner.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.rescuemesh.planner.coverage.SampleCells;
import org.rescuemesh.planner.coverage.SearchArea;
import org.rescuemesh.planner.coverage.SearchAreaSampler;

class RelayPlannerTest {

    private static final String MESH = "mesh";
    private static final String HANDHELD = "handheld";
    private static final double MESH_RANGE_M = 5_000;
    private static final double HANDHELD_RANGE_M = 2_000;

    private final RangeLinkPredictor predictor =
            new RangeLinkPredictor(Map.of(MESH, MESH_RANGE_M, HANDHELD, HANDHELD_RANGE_M));

    private RelayPlanner planner(LinkPredictor links) {
        CellCoverage cells = new PointwiseCellCoverage(links, HANDHELD, 1.5, 0, 20_000);
        return new RelayPlanner(links, cells, RelayPlanOptions.defaults(MESH).withCellSpacingM(100).withParallelism(2));
    }

    private static MeshNode node(String id, double lat, double lon) {
        return new MeshNode(id, new Site(new GeoPoint(lat, lon), 2, MESH));
    }

    private static SearchArea box(String id, double south, double west, double north, double east) {
        return SearchArea.fromWkt(id, id, String.format(Locale.ROOT, "POLYGON((%s %s, %s %s, %s %s, %s %s, %s %s))",
                west, south, east, south, east, north, west, north, west, south));
    }

    @Test
    void exactlyOneCandidateJoinsTheTwoComponents() {
        // Along latitude 10 (1° of longitude ≈ 109.6 km): cp and a 3.3 km apart; b and c 13 and
        // 16 km east of cp, 9.9 km from a. Only x (4.9 km from both a and b) bridges the gap;
        // y links to the cp side only, z to the b side only.
        MeshNode cp = node("cp", 10.0, 124.00);
        List<MeshNode> nodes = List.of(node("a", 10.0, 124.03), node("b", 10.0, 124.12), node("c", 10.0, 124.15));
        List<CandidateSite> candidates = List.of(
                CandidateSite.operator("y", 10.02, 124.0),
                CandidateSite.operator("x", 10.0, 124.075),
                CandidateSite.operator("z", 10.0, 124.14));
        // Search area around b and c only: nothing covers it while they are cut off.
        SearchArea area = box("east", 9.995, 124.11, 10.005, 124.16);

        RelayPlan plan = planner(predictor).plan(new RelayPlanRequest(cp, nodes, List.of(area), candidates, 1));

        assertThat(plan.componentsBefore()).isEqualTo(2);
        assertThat(plan.cutOffBefore()).containsExactly("b", "c");
        assertThat(plan.coveredFractionBefore()).isZero();
        assertThat(plan.proposals()).hasSize(1);
        RelayProposal proposal = plan.proposals().get(0);
        assertThat(proposal.candidate().id()).isEqualTo("x");
        assertThat(proposal.reason()).isEqualTo(ProposalReason.RECONNECT);
        assertThat(proposal.reconnectedNodeIds()).containsExactly("b", "c");
        assertThat(proposal.linkedToIds()).containsExactly("a");
        assertThat(proposal.componentsAfter()).isEqualTo(1);
        assertThat(proposal.coveredFractionAfter()).isGreaterThan(0.9);
        assertThat(proposal.relay().antennaHeightM()).isEqualTo(3.0);
        assertThat(proposal.reasonText()).isEqualTo("reconnects b, c");
        assertThat(plan.cutOffAfter()).isEmpty();
    }

    @Test
    void chainWithFewestRelaysIsPlacedFromTheCommandPostOutwards() {
        // b is 13 km east of cp. North chain n1-n2 needs two relays; the south chain s1-s2-s3
        // three (hand-checked distances, all other pairs > 5 km or give longer chains).
        MeshNode cp = node("cp", 10.0, 124.0);
        List<MeshNode> nodes = List.of(node("b", 10.0, 124.12));
        List<CandidateSite> candidates = List.of(
                CandidateSite.operator("s1", 9.98, 124.03), CandidateSite.operator("s2", 9.98, 124.06),
                CandidateSite.operator("s3", 9.98, 124.09), CandidateSite.operator("n2", 10.02, 124.08),
                CandidateSite.operator("n1", 10.02, 124.04));
        SearchArea farAway = box("far", 10.2, 124.0, 10.21, 124.01);

        RelayPlan plan = planner(predictor).plan(new RelayPlanRequest(cp, nodes, List.of(farAway), candidates, 5));

        assertThat(plan.proposals()).extracting(p -> p.candidate().id()).containsExactly("n1", "n2");
        assertThat(plan.proposals()).extracting(RelayProposal::reason)
                .containsOnly(ProposalReason.RECONNECT);
        assertThat(plan.proposals().get(0).reconnectedNodeIds()).isEmpty();
        assertThat(plan.proposals().get(0).reasonText()).isEqualTo("chain towards b");
        assertThat(plan.proposals().get(0).componentsAfter()).isEqualTo(2);
        assertThat(plan.proposals().get(1).reconnectedNodeIds()).containsExactly("b");
        assertThat(plan.proposals().get(1).componentsAfter()).isEqualTo(1);
        // Nothing reaches the far search area: no coverage relays are proposed for nothing.
        assertThat(plan.coveredFractionAfter()).isZero();
    }

    @Test
    void chainLongerThanTheBudgetIsNotStarted() {
        MeshNode cp = node("cp", 10.0, 124.0);
        List<CandidateSite> candidates = List.of(
                CandidateSite.operator("n1", 10.02, 124.04), CandidateSite.operator("n2", 10.02, 124.08));
        SearchArea farAway = box("far", 10.2, 124.0, 10.21, 124.01);

        RelayPlan plan = planner(predictor).plan(
                new RelayPlanRequest(cp, List.of(node("b", 10.0, 124.12)), List.of(farAway), candidates, 1));

        assertThat(plan.proposals()).isEmpty();
        assertThat(plan.cutOffAfter()).containsExactly("b");
        assertThat(plan.componentsAfter()).isEqualTo(2);
    }

    @Test
    void wallBetweenNodesSplitsThemUnlessTheLinkIsObserved() {
        MeshNode cp = node("cp", 10.0, 124.0);
        MeshNode a = node("a", 10.0, 124.02);
        RangeLinkPredictor walled = new RangeLinkPredictor(Map.of(MESH, MESH_RANGE_M, HANDHELD, HANDHELD_RANGE_M))
                .wall(9.9, 124.01, 10.1, 124.01);
        SearchArea area = box("sa", 9.99, 123.99, 10.01, 124.03);

        RelayPlan predicted = planner(walled).plan(new RelayPlanRequest(cp, List.of(a), List.of(area), List.of(), 0));
        RelayPlan observed = planner(walled).plan(new RelayPlanRequest(cp, List.of(a), List.of(area), List.of(), 0,
                List.of(new ObservedLink("a", "cp"))));

        assertThat(predicted.componentsBefore()).isEqualTo(2);
        assertThat(predicted.cutOffBefore()).containsExactly("a");
        assertThat(observed.componentsBefore()).isEqualTo(1);
        assertThat(observed.coveredFractionBefore()).isGreaterThan(predicted.coveredFractionBefore());
    }

    @Test
    void greedyTakesTheBestLinkedCandidateAndUnlocksCandidatesBehindIt() {
        // A 1.1 km × 13 km strip. cp covers its west end. p1 (linked to cp) overlaps cp's
        // coverage a little; p2 would add more but only links through p1; p4 only through p2;
        // p3 adds almost nothing.
        MeshNode cp = node("cp", 10.005, 124.0);
        List<CandidateSite> candidates = List.of(
                CandidateSite.operator("p3", 10.005, 124.01), CandidateSite.operator("p2", 10.005, 124.075),
                CandidateSite.operator("p1", 10.005, 124.035), CandidateSite.operator("p4", 10.005, 124.11));
        SearchArea strip = box("strip", 10.0, 124.0, 10.01, 124.12);

        RelayPlan plan = planner(predictor).plan(new RelayPlanRequest(cp, List.of(), List.of(strip), candidates, 3));

        assertThat(plan.proposals()).extracting(p -> p.candidate().id()).containsExactly("p1", "p2", "p4");
        // p1 + p2 as a pair (p1 links p2, whose area exceeds p1's own), then p4 behind p2.
        assertThat(plan.proposals()).extracting(RelayProposal::reason)
                .containsExactly(ProposalReason.LINK, ProposalReason.COVERAGE, ProposalReason.COVERAGE);
        // cp covers a 2 km radius: about 1.9 km of the 13.1 km strip.
        assertThat(plan.coveredFractionBefore()).isBetween(0.12, 0.17);
        double previous = plan.coveredFractionBefore();
        for (RelayProposal proposal : plan.proposals()) {
            assertThat(proposal.coveredFractionAfter()).isGreaterThan(previous);
            assertThat(proposal.addedCoveredAreaM2() / plan.sampledAreaM2())
                    .isCloseTo(proposal.coveredFractionAfter() - previous, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(proposal.componentsAfter()).isEqualTo(1);
            previous = proposal.coveredFractionAfter();
        }
        assertThat(plan.proposals().get(1).linkedToIds()).containsExactly("p1");
    }

    @Test
    void looksOneRelayAheadWhenALinkerUnlocksMoreThanTheBestSingle() {
        // Strip lon 123.954..124.10. Linked to cp: "mid" (adds ≈2.6 km of strip) and "link"
        // (≈2.2 km). "big" (≈3.9 km) links only through "link". Plain greedy with k = 2 takes
        // mid then link (≈4.8 km); link + big add ≈6.1 km, ≈3.05 km per relay > 2.6.
        MeshNode cp = node("cp", 10.005, 124.0);
        CandidateSite mid = CandidateSite.operator("mid", 10.005, 123.96);
        CandidateSite link = CandidateSite.operator("link", 10.005, 124.02);
        CandidateSite big = CandidateSite.operator("big", 10.005, 124.063);
        List<SearchArea> strip = List.of(box("strip", 10.0, 123.954, 10.01, 124.10));

        RelayPlan twoRelays = planner(predictor).plan(new RelayPlanRequest(cp, List.of(), strip, List.of(mid, link, big), 2));
        RelayPlan oneRelay = planner(predictor).plan(new RelayPlanRequest(cp, List.of(), strip, List.of(mid, link, big), 1));
        RelayPlan plainGreedy = planner(predictor).plan(new RelayPlanRequest(cp, List.of(), strip, List.of(mid, link), 2));

        assertThat(twoRelays.proposals()).extracting(p -> p.candidate().id()).containsExactly("link", "big");
        assertThat(twoRelays.proposals()).extracting(RelayProposal::reason)
                .containsExactly(ProposalReason.LINK, ProposalReason.COVERAGE);
        assertThat(twoRelays.proposals().get(0).reasonText()).startsWith("links big to the mesh");
        assertThat(oneRelay.proposals()).extracting(p -> p.candidate().id()).containsExactly("mid");
        assertThat(plainGreedy.proposals()).extracting(p -> p.candidate().id()).containsExactly("mid", "link");
        assertThat(twoRelays.coveredFractionAfter()).isGreaterThan(plainGreedy.coveredFractionAfter() + 0.05);
    }

    @Test
    void lazyGreedyMatchesPlainGreedyOnARandomScenario() {
        // Relays reach 50 km: every candidate links to cp, so plain greedy needs no link logic.
        RangeLinkPredictor longRange = new RangeLinkPredictor(Map.of(MESH, 50_000.0, HANDHELD, HANDHELD_RANGE_M));
        MeshNode cp = node("cp", 10.0, 124.0);
        Random random = new Random(7);
        List<CandidateSite> candidates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            candidates.add(CandidateSite.operator("c" + i, 10.0 + random.nextDouble() * 0.1, 124.0 + random.nextDouble() * 0.1));
        }
        List<SearchArea> areas = List.of(box("a", 10.0, 124.0, 10.05, 124.06), box("b", 10.04, 124.05, 10.1, 124.1));
        int k = 8;

        RelayPlan plan = planner(longRange).plan(new RelayPlanRequest(cp, List.of(), areas, candidates, k));

        SampleCells cells = SearchAreaSampler.sample(areas, 100);
        BitSet covered = within(cells, cp.site().position());
        List<Double> expected = new ArrayList<>();
        Set<Integer> used = new java.util.HashSet<>();
        for (int step = 0; step < k; step++) {
            double bestGain = 0;
            int best = -1;
            for (int c = 0; c < candidates.size(); c++) {
                if (used.contains(c)) {
                    continue;
                }
                BitSet fresh = within(cells, candidates.get(c).position());
                fresh.andNot(covered);
                double gain = fresh.stream().mapToDouble(cells::areaM2).sum();
                if (gain > bestGain) {
                    bestGain = gain;
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            used.add(best);
            covered.or(within(cells, candidates.get(best).position()));
            expected.add(covered.stream().mapToDouble(cells::areaM2).sum() / cells.totalAreaM2());
        }
        assertThat(plan.proposals()).extracting(RelayProposal::coveredFractionAfter)
                .containsExactlyElementsOf(expected);
    }

    private static BitSet within(SampleCells cells, GeoPoint site) {
        BitSet set = new BitSet();
        for (int i = 0; i < cells.size(); i++) {
            if (site.distanceM(new GeoPoint(cells.lat(i), cells.lon(i))) <= HANDHELD_RANGE_M) {
                set.set(i);
            }
        }
        return set;
    }

    @Test
    void progressIsReportedAndCancellationStopsThePlan() {
        MeshNode cp = node("cp", 10.005, 124.0);
        List<CandidateSite> candidates = List.of(CandidateSite.operator("p1", 10.005, 124.035));
        RelayPlanRequest request = new RelayPlanRequest(cp, List.of(), List.of(box("s", 10.0, 124.0, 10.01, 124.05)),
                candidates, 1);
        Set<PlanPhase> phases = Collections.synchronizedSet(EnumSet.noneOf(PlanPhase.class));

        planner(predictor).plan(request, (phase, done, total) -> {
            assertThat(done).isBetween(1L, total);
            phases.add(phase);
        }, Cancellation.create());
        assertThat(phases).contains(PlanPhase.LINKS, PlanPhase.CELL_COVERAGE, PlanPhase.MAX_COVERAGE);

        Cancellation cancelled = Cancellation.create();
        cancelled.cancel();
        assertThatThrownBy(() -> planner(predictor).plan(request, ProgressListener.NONE, cancelled))
                .isInstanceOf(CancellationException.class);

        Cancellation midway = Cancellation.create();
        assertThatThrownBy(() -> planner(predictor).plan(request, (phase, done, total) -> midway.cancel(), midway))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void badRequestsAreRefusedWithAReason() {
        MeshNode cp = node("cp", 10.0, 124.0);
        List<SearchArea> areas = List.of(box("s", 10.0, 124.0, 10.01, 124.05));
        assertThatThrownBy(() -> new RelayPlanRequest(cp, List.of(), areas, List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be >= 0");
        assertThatThrownBy(() -> new RelayPlanRequest(null, List.of(), areas, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no command post");
        assertThatThrownBy(() -> new RelayPlanRequest(cp, List.of(node("cp", 10, 124)), areas, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> new RelayPlanRequest(cp, List.of(), List.of(), List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("search area");
        assertThatThrownBy(() -> new RelayPlanRequest(cp, List.of(), areas, List.of(), 1,
                List.of(new ObservedLink("cp", "ghost"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown node");
        assertThatThrownBy(() -> new RelayPlanRequest(cp, List.of(), areas,
                List.of(CandidateSite.operator("cp", 10, 124)), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not unique");
        assertThatThrownBy(() -> new GeoPoint(91, 0)).hasMessageContaining("latitude");
        assertThatThrownBy(() -> new Site(new GeoPoint(0, 0), -1, MESH)).hasMessageContaining("antenna height");
    }
}
