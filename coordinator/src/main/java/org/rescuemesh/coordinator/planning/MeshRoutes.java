package org.rescuemesh.coordinator.planning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.rescuemesh.planner.radio.RadioCatalogue;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.LinkPredictor;
import org.rescuemesh.planner.relay.Site;
import org.rescuemesh.planner.routes.LinkGraph;
import org.rescuemesh.planner.routes.MeasuredLink;
import org.rescuemesh.planner.routes.PredictedLinkMargin;
import org.rescuemesh.planner.routes.Route;
import org.rescuemesh.planner.routes.RouteFinder;
import org.rescuemesh.planner.routes.RouteLink;
import org.rescuemesh.planner.routes.RoutePair;
import org.rescuemesh.planner.routes.SinglePointsOfFailure;
import org.rescuemesh.proto.v1.LinkReport;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * Message relay routes over the mesh as it stands: the links the agents measured (ETX), and,
 * where a terrain model exists, the links ITM predicts between node pairs nobody measured;
 * then best and backup routes from every node to the command post, the partitions, and the
 * single points of failure (cut vertices, bridges) a coordinator should reinforce first.
 *
 * <p>Only field agents and coordinators that are alive or suspect take part: a dead node
 * relays nothing, and agency assets are not mesh radios.
 */
public final class MeshRoutes {

    /** Predicting every pair is quadratic; above this many nodes only measured links count. */
    static final int MAX_PREDICTED_NODES = 300;
    /** Pairs farther apart than this are not predicted (no handheld link spans it). */
    static final double MAX_PREDICTED_RANGE_M = 30_000;

    private MeshRoutes() {
    }

    /**
     * @param nodes         the picture's nodes
     * @param commandPostId the node routes lead to (this coordinator's gossip id)
     * @param predictor     link predictor over the terrain, or null to use measured links only
     * @param context       the planning context (radio defaults, command post mast height), or null
     * @throws IllegalArgumentException when the command post is not in the mesh
     */
    public static JsonObject report(Collection<NodeState> nodes, String commandPostId, LinkPredictor predictor,
                                    PlanningContext context) {
        Map<String, NodeState> mesh = new LinkedHashMap<>();
        for (NodeState s : nodes) {
            boolean radio = s.getKind() == NodeKind.NODE_KIND_AGENT || s.getKind() == NodeKind.NODE_KIND_COORDINATOR;
            boolean live = s.getStatus() == NodeStatus.NODE_STATUS_ALIVE || s.getStatus() == NodeStatus.NODE_STATUS_SUSPECT;
            if (radio && live) {
                mesh.put(s.getNodeId(), s);
            }
        }
        if (!mesh.containsKey(commandPostId)) {
            throw new IllegalArgumentException("command post " + commandPostId + " is not a live member of the mesh");
        }
        List<MeasuredLink> measured = new ArrayList<>();
        for (NodeState s : mesh.values()) {
            for (LinkReport l : s.getLinksList()) {
                if (mesh.containsKey(l.getPeerId()) && !l.getPeerId().equals(s.getNodeId())) {
                    measured.add(MeasuredLink.fromReport(s.getNodeId(), l));
                }
            }
        }
        boolean predict = predictor != null && context != null && mesh.size() <= MAX_PREDICTED_NODES;
        List<PredictedLinkMargin> predicted = predict ? predicted(mesh.values(), predictor, context) : List.of();
        LinkGraph graph = LinkGraph.fuse(mesh.keySet(), measured, predicted);
        Map<String, RoutePair> routes = new RouteFinder(graph).routesTo(commandPostId);
        SinglePointsOfFailure spof = graph.singlePointsOfFailure();

        JsonArray routeJson = new JsonArray();
        routes.values().forEach(p -> routeJson.add(new JsonObject().put("from", p.fromId()).put("reachable", p.reachable())
                .put("best", route(p.best())).put("backup", route(p.backup()))
                .put("disjointness", p.disjointness().name().toLowerCase())));
        JsonArray links = new JsonArray();
        graph.links().forEach(l -> links.add(link(l)));
        JsonArray partitions = new JsonArray();
        graph.partitions().forEach(part -> partitions.add(new JsonArray(new ArrayList<>(new TreeSet<>(part)))));
        JsonArray bridges = new JsonArray();
        spof.bridges().forEach(l -> bridges.add(link(l)));
        long unreachable = routes.values().stream().filter(p -> !p.reachable()).count();
        long withoutBackup = routes.values().stream().filter(p -> p.reachable() && p.backup() == null).count();
        return new JsonObject().put("commandPost", commandPostId).put("nodes", mesh.size())
                .put("predictedLinks", predict)
                .put("unreachable", unreachable).put("withoutBackup", withoutBackup)
                .put("routes", routeJson).put("links", links).put("partitions", partitions)
                .put("cutVertices", new JsonArray(new ArrayList<>(spof.cutVertices()))).put("bridges", bridges);
    }

    private static List<PredictedLinkMargin> predicted(Collection<NodeState> nodes, LinkPredictor predictor,
                                                       PlanningContext context) {
        List<NodeState> placed = nodes.stream().filter(NodeState::hasPosition).toList();
        List<Site> sites = placed.stream().map(s -> site(s, context)).toList();
        List<PredictedLinkMargin> out = new ArrayList<>();
        for (int i = 0; i < placed.size(); i++) {
            for (int j = i + 1; j < placed.size(); j++) {
                if (sites.get(i).position().distanceM(sites.get(j).position()) > MAX_PREDICTED_RANGE_M) {
                    continue;
                }
                double margin = predictor.predict(sites.get(i), sites.get(j)).worstMarginDb();
                if (Double.isFinite(margin)) {
                    out.add(new PredictedLinkMargin(placed.get(i).getNodeId(), placed.get(j).getNodeId(), margin));
                }
            }
        }
        return out;
    }

    private static Site site(NodeState s, PlanningContext context) {
        String radio = RadioCatalogue.isKnown(s.getRadioProfile()) ? s.getRadioProfile() : context.defaultRadio();
        double height = s.getKind() == NodeKind.NODE_KIND_COORDINATOR ? context.commandPostHeightM() : PlanningContext.HANDHELD_HEIGHT_M;
        return new Site(new GeoPoint(s.getPosition().getLatDeg(), s.getPosition().getLonDeg()), height, radio);
    }

    private static JsonObject route(Route r) {
        return r == null ? null : new JsonObject().put("hops", new JsonArray(r.hops())).put("totalEtx", r.totalEtx());
    }

    private static JsonObject link(RouteLink l) {
        return new JsonObject().put("a", l.nodeA()).put("b", l.nodeB()).put("etx", l.etx())
                .put("evidence", l.evidence().name().toLowerCase());
    }
}
