package org.rescuemesh.coordinator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import org.rescuemesh.planner.coverage.SearchArea;
import org.rescuemesh.planner.propagation.DemHeightFunction;
import org.rescuemesh.planner.propagation.ItmLinkPredictor;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.radio.RadioCatalogue;
import org.rescuemesh.planner.relay.CandidateSite;
import org.rescuemesh.planner.relay.CandidateSites;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.MeshNode;
import org.rescuemesh.planner.relay.PointwiseCellCoverage;
import org.rescuemesh.planner.relay.RelayPlan;
import org.rescuemesh.planner.relay.RelayPlanMessages;
import org.rescuemesh.planner.relay.RelayPlanOptions;
import org.rescuemesh.planner.relay.RelayPlanRequest;
import org.rescuemesh.planner.relay.RelayPlanner;
import org.rescuemesh.planner.relay.Site;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.TerrainException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coordinator.jar plan-relays …}: relay plan over a DEM with ITM links, printed as JSON. */
@Command(name = "plan-relays",
        mixinStandardHelpOptions = true,
        description = {
            "Proposes up to k relay sites (peaks and ridge crests of the DEM around the command post) that first",
            "reconnect cut-off nodes to the command post, then maximise the covered part of the search areas.",
            "Links: ITM point-to-point over the DEM (SPLAT!'s -olditm defaults), margins from the radio catalogue.",
            "nodes.csv: one node per line, id,lat,lon[,antenna height m[,radio profile]] ('#' comments).",
            "Prints the plan as the rescuemesh.v1.RelayPlan message in proto3 JSON."})
public final class PlanRelaysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DemFiles dem;

    @Option(names = "--nodes", required = true, paramLabel = "nodes.csv", description = "current nodes")
    Path nodes;

    @Option(names = "--command-post", required = true, paramLabel = "LAT,LON", description = "command post position")
    String commandPost;

    @Option(names = "--search-area", required = true, paramLabel = "WKT", description = "search area polygon, WGS 84 lon/lat (repeatable)")
    List<String> searchAreas;

    @Option(names = "--k", required = true, paramLabel = "N", description = "at most this many relays")
    int k;

    @Option(names = "--radio", defaultValue = "lora-868-sf12", paramLabel = "PROFILE",
            description = "radio profile of nodes without one, of relays and of the search teams' terminals (default: ${DEFAULT-VALUE})")
    String radio;

    @Option(names = "--relay-height", defaultValue = "3", paramLabel = "M", description = "relay mast height (default: ${DEFAULT-VALUE})")
    double relayHeight;

    @Option(names = "--command-post-height", defaultValue = "10", paramLabel = "M", description = "command post mast (default: ${DEFAULT-VALUE})")
    double commandPostHeight;

    @Option(names = "--candidates", defaultValue = "200", paramLabel = "N", description = "candidate sites (default: ${DEFAULT-VALUE})")
    int candidates;

    @Option(names = "--candidate-radius-km", defaultValue = "30", paramLabel = "KM", description = "candidates within (default: ${DEFAULT-VALUE})")
    double candidateRadiusKm;

    @Option(names = "--cell-m", defaultValue = "250", paramLabel = "M", description = "search-area sample spacing (default: ${DEFAULT-VALUE})")
    double cellM;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try {
            RadioCatalogue.byName(radio);
            GeoPoint cpPosition = parseLatLon(commandPost, "--command-post");
            List<MeshNode> current = readNodes(nodes);
            List<SearchArea> areas = new ArrayList<>();
            for (int i = 0; i < searchAreas.size(); i++) {
                areas.add(SearchArea.fromWkt("area-" + (i + 1), "search area " + (i + 1), searchAreas.get(i)));
            }
            if (!(candidateRadiusKm > 0) || candidates < 0) {
                throw new IllegalArgumentException("candidate radius must be > 0 km and candidates >= 0");
            }
            ElevationGrid grid = dem.read();
            MeshNode cp = new MeshNode("command-post", new Site(cpPosition, commandPostHeight, radio));
            double[] cell = grid.cellSizeMetres();
            List<CandidateSite> sites = CandidateSites.peaksAndRidges(new DemHeightFunction(grid), cpPosition,
                    candidateRadiusKm * 1000, Math.max(2 * Math.max(cell[0], cell[1]), 100), candidates, 1000);
            ItmLinkPredictor links = new ItmLinkPredictor(grid, ItmParameters.defaults());
            RelayPlanOptions options = new RelayPlanOptions(radio, relayHeight, 0, 50_000, cellM,
                    Runtime.getRuntime().availableProcessors());
            RelayPlanner planner = new RelayPlanner(links, new PointwiseCellCoverage(links, radio, 1.5, 0, 30_000), options);
            RelayPlan plan = planner.plan(new RelayPlanRequest(cp, current, areas, sites, k));
            out.println(JsonFormat.printer().print(RelayPlanMessages.toProto(plan, "cli", Instant.now())));
            out.flush();
            return 0;
        } catch (TerrainException | IllegalArgumentException e) {
            err.println("plan-relays: " + e.getMessage());
            err.flush();
            return 1;
        } catch (InvalidProtocolBufferException e) {
            err.println("plan-relays: cannot print the plan: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static GeoPoint parseLatLon(String text, String what) {
        String[] p = text.split(",");
        if (p.length != 2) {
            throw new IllegalArgumentException(what + " must be LAT,LON, got '" + text + "'");
        }
        try {
            return new GeoPoint(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be LAT,LON in degrees, got '" + text + "'");
        }
    }

    private List<MeshNode> readNodes(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<MeshNode> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#") || line.toLowerCase(java.util.Locale.ROOT).startsWith("id,")) {
                continue;
            }
            String[] p = line.split(",");
            String where = file.getFileName() + " line " + (i + 1) + ": ";
            if (p.length < 3 || p.length > 5) {
                throw new IllegalArgumentException(where + "expected id,lat,lon[,height[,profile]], got '" + line + "'");
            }
            try {
                double height = p.length > 3 ? Double.parseDouble(p[3].trim()) : 1.5;
                String profile = p.length > 4 ? p[4].trim() : radio;
                RadioCatalogue.byName(profile);
                result.add(new MeshNode(p[0].trim(), new Site(new GeoPoint(Double.parseDouble(p[1].trim()),
                        Double.parseDouble(p[2].trim())), height, profile)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
        }
        return result;
    }
}
