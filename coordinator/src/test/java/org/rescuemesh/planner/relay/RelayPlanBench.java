package org.rescuemesh.planner.relay;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.rescuemesh.planner.coverage.SearchArea;

/**
 * Bench (not part of {@code mvn verify}): a relay plan with 200 generated candidate sites over
 * a 30 km radius on seeded synthetic terrain, 40 field nodes in five teams, four search areas.
 * Prints the wall time per phase and in total, and the number and mean cost of link
 * predictions, so the time with ITM can be extrapolated from ITM's own per-call cost.
 *
 * <pre>
 * mvn -B -q -o -pl coordinator -am package -DskipTests
 * java -cp coordinator/target/coordinator.jar:coordinator/target/test-classes \
 *     org.rescuemesh.planner.relay.RelayPlanBench [candidates] [radiusKm] [cellM] [k] [threads] [runs]
 * </pre>
 */
public final class RelayPlanBench {

    private static final double CENTRE_LAT = 11.16;
    private static final double CENTRE_LON = 124.92;

    private RelayPlanBench() {
    }

    public static void main(String[] args) {
        int candidateCount = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        double radiusKm = args.length > 1 ? Double.parseDouble(args[1]) : 30;
        double cellM = args.length > 2 ? Double.parseDouble(args[2]) : 200;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int runs = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        double radiusM = radiusKm * 1000;

        long t0 = System.nanoTime();
        SyntheticTerrain terrain = new SyntheticTerrain(CENTRE_LAT, CENTRE_LON, radiusM + 6_000, 90, 42);
        List<CandidateSite> candidates = CandidateSites.peaksAndRidges(terrain, new GeoPoint(CENTRE_LAT, CENTRE_LON),
                radiusM, 270, candidateCount, 1_000);
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "terrain %d×%d cells at 90 m + %d candidates (peaks %d, ridges %d): %.2f s%n",
                terrain.size, terrain.size, candidates.size(),
                candidates.stream().filter(c -> c.origin() == CandidateOrigin.PEAK).count(),
                candidates.stream().filter(c -> c.origin() == CandidateOrigin.RIDGE).count(), (t1 - t0) / 1e9);

        Random random = new Random(42);
        MeshNode commandPost = new MeshNode("cp", new Site(new GeoPoint(CENTRE_LAT, CENTRE_LON), 10, "mesh-2g4"));
        List<MeshNode> nodes = new ArrayList<>();
        for (int team = 0; team < 5; team++) {
            double bearing = random.nextDouble() * 2 * Math.PI;
            double distance = (0.3 + 0.55 * random.nextDouble()) * radiusM;
            double tx = distance * Math.sin(bearing);
            double ty = distance * Math.cos(bearing);
            for (int member = 0; member < 8; member++) {
                GeoPoint at = terrain.point(tx + (random.nextDouble() - 0.5) * 3000, ty + (random.nextDouble() - 0.5) * 3000);
                nodes.add(new MeshNode("team-" + (char) ('a' + team) + "-" + member, new Site(at, 1.5, "handheld-2g4")));
            }
        }
        List<SearchArea> areas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double bearing = (i + random.nextDouble() * 0.5) * Math.PI / 2;
            double distance = (0.35 + 0.4 * random.nextDouble()) * radiusM;
            double cx = distance * Math.sin(bearing);
            double cy = distance * Math.cos(bearing);
            double half = 4_000 + 2_000 * random.nextDouble();
            StringBuilder wkt = new StringBuilder("POLYGON((");
            int corners = 5 + i;
            for (int c = 0; c <= corners; c++) {
                double angle = 2 * Math.PI * (c % corners) / corners;
                double r = half * (0.75 + 0.25 * Math.cos(3 * angle + i));
                GeoPoint p = terrain.point(cx + r * Math.sin(angle), cy + r * Math.cos(angle));
                wkt.append(c == 0 ? "" : ", ").append(p.lon()).append(' ').append(p.lat());
            }
            areas.add(SearchArea.fromWkt("area-" + i, "sector " + i, wkt.append("))").toString()));
        }
        double searchKm2 = areas.stream().mapToDouble(SearchArea::areaM2).sum() / 1e6;

        TerrainLinkPredictor terrainLinks = new TerrainLinkPredictor(terrain, Map.of(
                "mesh-2g4", new TerrainLinkPredictor.Radio(20, 5, -90, 2400),
                "handheld-2g4", new TerrainLinkPredictor.Radio(17, 2, -88, 2400)));
        LongAdder predictions = new LongAdder();
        LinkPredictor counted = (a, b) -> {
            predictions.increment();
            return terrainLinks.predict(a, b);
        };
        RelayPlanOptions options = new RelayPlanOptions("mesh-2g4", 5, 0, 40_000, cellM, threads);
        RelayPlanner planner = new RelayPlanner(counted,
                new PointwiseCellCoverage(counted, "handheld-2g4", 1.5, 0, 20_000), options);
        RelayPlanRequest request = new RelayPlanRequest(commandPost, nodes, areas, candidates, k);

        System.out.printf(Locale.ROOT, "scenario: %d nodes + command post, %d candidates, %d search areas (%.1f km²),"
                + " cells %.0f m, k=%d, %d threads, %d processors%n", nodes.size(), candidates.size(), areas.size(),
                searchKm2, cellM, k, threads, Runtime.getRuntime().availableProcessors());
        for (int run = 1; run <= runs; run++) {
            predictions.reset();
            Map<PlanPhase, Long> phaseStart = new EnumMap<>(PlanPhase.class);
            long start = System.nanoTime();
            RelayPlan plan = planner.plan(request, (phase, done, total) -> phaseStart.putIfAbsent(phase, System.nanoTime()),
                    Cancellation.create());
            long end = System.nanoTime();
            long calls = predictions.sum();
            StringBuilder phases = new StringBuilder();
            List<PlanPhase> seen = new ArrayList<>(phaseStart.keySet());
            for (int i = 0; i < seen.size(); i++) {
                long from = i == 0 ? start : phaseStart.get(seen.get(i));
                long to = i + 1 < seen.size() ? phaseStart.get(seen.get(i + 1)) : end;
                phases.append(String.format(Locale.ROOT, " %s≈%.2fs", seen.get(i), (to - from) / 1e9));
            }
            System.out.printf(Locale.ROOT, "run %d: wall %.2f s;%s; %d cells; %d predictions, %.2f µs wall each on %d"
                            + " threads%n", run, (end - start) / 1e9, phases, plan.sampleCells(), calls,
                    (end - start) / 1e3 / Math.max(1, calls), threads);
            if (run == runs) {
                System.out.printf(Locale.ROOT, "plan: before covered %.1f %%, %d components, cut off %d nodes%n",
                        100 * plan.coveredFractionBefore(), plan.componentsBefore(), plan.cutOffBefore().size());
                for (RelayProposal p : plan.proposals()) {
                    System.out.printf(Locale.ROOT, "  #%d %-16s %-9s %-40s → covered %.1f %%, %d components%n",
                            p.rank(), p.candidate().id(), p.reason(), p.reasonText(), 100 * p.coveredFractionAfter(),
                            p.componentsAfter());
                }
                System.out.printf(Locale.ROOT, "after: covered %.1f %%, %d components, still cut off %s%n",
                        100 * plan.coveredFractionAfter(), plan.componentsAfter(), plan.cutOffAfter());
            }
        }
    }
}
