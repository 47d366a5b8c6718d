package org.rescuemesh.planner.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

import org.rescuemesh.planner.coverage.SearchArea;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.radio.RadioProfile;
import org.rescuemesh.planner.relay.CandidateSite;
import org.rescuemesh.planner.relay.CandidateSites;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.LinkPredictor;
import org.rescuemesh.planner.relay.MeshNode;
import org.rescuemesh.planner.relay.PointwiseCellCoverage;
import org.rescuemesh.planner.relay.RelayPlan;
import org.rescuemesh.planner.relay.RelayPlanOptions;
import org.rescuemesh.planner.relay.RelayPlanRequest;
import org.rescuemesh.planner.relay.RelayPlanner;
import org.rescuemesh.planner.relay.RelayProposal;
import org.rescuemesh.planner.relay.Site;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTransform;
import org.rescuemesh.planner.terrain.GridCrs;
import org.rescuemesh.planner.terrain.SyntheticTerrain;

/**
 * Bench (not part of {@code mvn verify}): the relay-plan scenario of {@code RelayPlanBench} (200
 * candidate sites over a 30 km radius, 40 nodes in five teams, four search areas, k = 10) with
 * the real predictor: {@link ItmLinkPredictor} (ITM point-to-point) over a 3″ geographic DEM.
 *
 * <pre>
 * java -cp coordinator/target/coordinator.jar:coordinator/target/test-classes \
 *     org.rescuemesh.planner.propagation.ItmRelayPlanBench [candidates] [radiusKm] [cellM] [k] [threads] [runs]
 * </pre>
 */
public final class ItmRelayPlanBench {
    private static final double LAT = 11.16;
    private static final double LON = 124.92;

    private ItmRelayPlanBench() {
    }

    public static void main(String[] args) {
        int candidateCount = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        double radiusM = (args.length > 1 ? Double.parseDouble(args[1]) : 30) * 1000;
        double cellM = args.length > 2 ? Double.parseDouble(args[2]) : 200;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int runs = args.length > 5 ? Integer.parseInt(args[5]) : 2;

        // synthetic heights (90 m cells) laid on a 3" lattice centred on the command post
        int n = (int) Math.ceil(2 * (radiusM + 6000) / 90) + 1;
        ElevationGrid metric = SyntheticTerrain.demo(42, n, 90);
        float[] z = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                z[r * n + c] = metric.get(c, r);
            }
        }
        double deg = 1 / 1200.0;
        ElevationGrid dem = ElevationGrid.of(z, n, n, GeoTransform.northUp(LON - n / 2.0 * deg, LAT + n / 2.0 * deg, deg, deg),
                GridCrs.wgs84(), Float.NaN);
        double mPerDegLat = 110_600;
        double mPerDegLon = 111_320 * Math.cos(Math.toRadians(LAT));

        List<CandidateSite> candidates = CandidateSites.peaksAndRidges(new DemHeightFunction(dem), new GeoPoint(LAT, LON),
                radiusM, 270, candidateCount, 1000);
        Random random = new Random(42);
        MeshNode cp = new MeshNode("cp", new Site(new GeoPoint(LAT, LON), 10, "mesh-2g4"));
        List<MeshNode> nodes = new ArrayList<>();
        for (int team = 0; team < 5; team++) {
            double bearing = random.nextDouble() * 2 * Math.PI;
            double distance = (0.3 + 0.55 * random.nextDouble()) * radiusM;
            for (int member = 0; member < 8; member++) {
                double x = distance * Math.sin(bearing) + (random.nextDouble() - 0.5) * 3000;
                double y = distance * Math.cos(bearing) + (random.nextDouble() - 0.5) * 3000;
                nodes.add(new MeshNode("team-" + (char) ('a' + team) + "-" + member,
                        new Site(new GeoPoint(LAT + y / mPerDegLat, LON + x / mPerDegLon), 1.5, "handheld-2g4")));
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
                double lon = LON + (cx + r * Math.sin(angle)) / mPerDegLon;
                double lat = LAT + (cy + r * Math.cos(angle)) / mPerDegLat;
                wkt.append(c == 0 ? "" : ", ").append(lon).append(' ').append(lat);
            }
            areas.add(SearchArea.fromWkt("area-" + i, "sector " + i, wkt.append("))").toString()));
        }
        Map<String, RadioProfile> radios = Map.of(
                "mesh-2g4", new RadioProfile("mesh-2g4", 2400, 20, 5, 5, 0, 0, -90),
                "handheld-2g4", new RadioProfile("handheld-2g4", 2400, 17, 2, 2, 0, 0, -88));
        ItmLinkPredictor itm = new ItmLinkPredictor(dem, ItmParameters.defaults(), radios::get);
        LongAdder predictions = new LongAdder();
        LinkPredictor counted = (a, b) -> {
            predictions.increment();
            return itm.predict(a, b);
        };
        RelayPlanner planner = new RelayPlanner(counted, new PointwiseCellCoverage(counted, "handheld-2g4", 1.5, 0, 20_000),
                new RelayPlanOptions("mesh-2g4", 5, 0, 40_000, cellM, threads));
        RelayPlanRequest request = new RelayPlanRequest(cp, nodes, areas, candidates, k);
        System.out.printf(Locale.ROOT, "DEM %d×%d at 3\", %d candidates, %d nodes, cells %.0f m, k=%d, %d threads%n",
                n, n, candidates.size(), nodes.size(), cellM, k, threads);
        for (int run = 1; run <= runs; run++) {
            predictions.reset();
            long t0 = System.nanoTime();
            RelayPlan plan = planner.plan(request);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: wall %.2f s, %d cells, %d ITM link predictions (%.1f µs wall each)%n",
                    run, s, plan.sampleCells(), predictions.sum(), s * 1e6 / predictions.sum());
            if (run == runs) {
                System.out.printf(Locale.ROOT, "before: covered %.1f %%, %d components, %d cut off%n",
                        100 * plan.coveredFractionBefore(), plan.componentsBefore(), plan.cutOffBefore().size());
                for (RelayProposal p : plan.proposals()) {
                    System.out.printf(Locale.ROOT, "  #%d %-14s %-9s %-36s → covered %.1f %%, %d components%n", p.rank(),
                            p.candidate().id(), p.reason(), p.reasonText(), 100 * p.coveredFractionAfter(), p.componentsAfter());
                }
                System.out.printf(Locale.ROOT, "after: covered %.1f %%, %d components, still cut off %d%n",
                        100 * plan.coveredFractionAfter(), plan.componentsAfter(), plan.cutOffAfter().size());
            }
        }
    }
}
