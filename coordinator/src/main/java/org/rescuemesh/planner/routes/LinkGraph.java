package org.rescuemesh.planner.routes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.BiconnectivityInspector;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * The mesh as an undirected weighted graph for routing: measured links (ETX from link
 * reports) fused with predicted links (margin → ETX through a {@link PacketSuccessCurve}).
 *
 * <p>Fusion per node pair: if any end reported the link, the measurement decides — the mean of
 * the finite reported ETX values, or no link at all when every report says it is down, even
 * if the prediction is good. Only pairs nobody measured fall back to the prediction. Links
 * costlier than {@code maxEtx} are left out: a frame needing more tries than that is not a
 * route anyone should plan on.
 */
public final class LinkGraph {

    /** Default cost ceiling: at 10 expected transmissions a link is practically unusable. */
    public static final double DEFAULT_MAX_ETX = 10.0;

    private final Graph<String, RouteLink> graph;

    private LinkGraph(Graph<String, RouteLink> graph) {
        this.graph = graph;
    }

    /**
     * Builds the graph.
     *
     * @param nodeIds   nodes to include even without links (e.g. the command post); nodes named
     *                  by links are added anyway
     * @param measured  link reports (each end may report the same link)
     * @param predicted predicted margins for node pairs
     */
    public static LinkGraph fuse(Collection<String> nodeIds, Collection<MeasuredLink> measured,
                                 Collection<PredictedLinkMargin> predicted, PacketSuccessCurve curve, double maxEtx) {
        if (curve == null) {
            throw new IllegalArgumentException("packet success curve must not be null");
        }
        if (!(maxEtx >= 1)) {
            throw new IllegalArgumentException("maximum ETX must be >= 1, got " + maxEtx);
        }
        Graph<String, RouteLink> graph = new SimpleWeightedGraph<>(RouteLink.class);
        for (String id : nodeIds == null ? List.<String>of() : nodeIds) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("node id must not be blank");
            }
            graph.addVertex(id);
        }
        Map<Pair, List<Double>> reports = new HashMap<>();
        for (MeasuredLink link : measured == null ? List.<MeasuredLink>of() : measured) {
            reports.computeIfAbsent(Pair.of(link.reporterId(), link.peerId()), p -> new ArrayList<>()).add(link.etx());
        }
        for (Map.Entry<Pair, List<Double>> entry : reports.entrySet()) {
            double sum = 0;
            int finite = 0;
            for (double etx : entry.getValue()) {
                if (Double.isFinite(etx)) {
                    sum += etx;
                    finite++;
                }
            }
            if (finite > 0) {
                add(graph, entry.getKey(), sum / finite, LinkEvidence.MEASURED, maxEtx);
            } else {
                graph.addVertex(entry.getKey().a);
                graph.addVertex(entry.getKey().b);
            }
        }
        for (PredictedLinkMargin link : predicted == null ? List.<PredictedLinkMargin>of() : predicted) {
            Pair pair = Pair.of(link.nodeA(), link.nodeB());
            graph.addVertex(pair.a);
            graph.addVertex(pair.b);
            if (!reports.containsKey(pair) && graph.getEdge(pair.a, pair.b) == null) {
                add(graph, pair, curve.etx(link.marginDb()), LinkEvidence.PREDICTED, maxEtx);
            }
        }
        return new LinkGraph(graph);
    }

    /** Fuses with the default curve and cost ceiling. */
    public static LinkGraph fuse(Collection<String> nodeIds, Collection<MeasuredLink> measured,
                                 Collection<PredictedLinkMargin> predicted) {
        return fuse(nodeIds, measured, predicted, PacketSuccessCurve.DEFAULT, DEFAULT_MAX_ETX);
    }

    private static void add(Graph<String, RouteLink> graph, Pair pair, double etx, LinkEvidence evidence,
                            double maxEtx) {
        graph.addVertex(pair.a);
        graph.addVertex(pair.b);
        if (etx <= maxEtx) {
            RouteLink link = new RouteLink(pair.a, pair.b, etx, evidence);
            graph.addEdge(pair.a, pair.b, link);
            graph.setEdgeWeight(link, etx);
        }
    }

    /** Read-only view for the route finder. */
    Graph<String, RouteLink> graph() {
        return graph;
    }

    public Set<String> nodeIds() {
        return Set.copyOf(graph.vertexSet());
    }

    public List<RouteLink> links() {
        return List.copyOf(graph.edgeSet());
    }

    /** The link between two nodes, or null. */
    public RouteLink link(String a, String b) {
        return graph.containsVertex(a) && graph.containsVertex(b) ? graph.getEdge(a, b) : null;
    }

    /** Connected components (partitions), each sorted, largest first. */
    public List<Set<String>> partitions() {
        List<Set<String>> parts = new ArrayList<>();
        for (Set<String> part : new ConnectivityInspector<>(graph).connectedSets()) {
            parts.add(new TreeSet<>(part));
        }
        parts.sort((x, y) -> x.size() != y.size() ? Integer.compare(y.size(), x.size())
                : x.iterator().next().compareTo(y.iterator().next()));
        return parts;
    }

    /** Cut vertices and bridges: nodes and links whose loss splits the mesh. */
    public SinglePointsOfFailure singlePointsOfFailure() {
        BiconnectivityInspector<String, RouteLink> inspector = new BiconnectivityInspector<>(graph);
        Set<String> cutVertices = new TreeSet<>(inspector.getCutpoints());
        Set<RouteLink> bridges = new LinkedHashSet<>(inspector.getBridges());
        return new SinglePointsOfFailure(cutVertices, List.copyOf(bridges));
    }

    /** An unordered node pair in canonical (sorted) order. */
    private record Pair(String a, String b) {
        static Pair of(String x, String y) {
            return x.compareTo(y) <= 0 ? new Pair(x, y) : new Pair(y, x);
        }
    }
}
