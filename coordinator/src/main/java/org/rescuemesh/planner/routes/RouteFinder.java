package org.rescuemesh.planner.routes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.alg.shortestpath.SuurballeKDisjointShortestPaths;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.MaskSubgraph;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

/**
 * Best and backup routes over a {@link LinkGraph}, by total ETX.
 *
 * <p>The best route is the ETX-shortest path (Dijkstra). The backup is, in order of
 * preference:
 * <ol>
 * <li>the shortest path avoiding the best route's interior nodes (and its links);</li>
 * <li>if that fails because the shortest path blocks every alternative (a "trap"), the
 * node-disjoint pair of least total ETX (Suurballe on the node-split graph): the shorter of the
 * pair becomes the best route, the other the backup — a slightly longer primary with a true
 * fallback beats the shortest with none;</li>
 * <li>the shortest path avoiding only the best route's links (edge-disjoint), then the
 * edge-disjoint Suurballe pair;</li>
 * <li>none.</li>
 * </ol>
 */
public final class RouteFinder {

    private final LinkGraph links;

    public RouteFinder(LinkGraph links) {
        if (links == null) {
            throw new IllegalArgumentException("link graph must not be null");
        }
        this.links = links;
    }

    /** Best and backup route from {@code fromId} to {@code toId}. */
    public RoutePair routes(String fromId, String toId) {
        Graph<String, RouteLink> graph = links.graph();
        if (!graph.containsVertex(fromId)) {
            throw new IllegalArgumentException("unknown node " + fromId);
        }
        if (!graph.containsVertex(toId)) {
            throw new IllegalArgumentException("unknown node " + toId);
        }
        if (fromId.equals(toId)) {
            throw new IllegalArgumentException("route from " + fromId + " to itself");
        }
        GraphPath<String, RouteLink> best = DijkstraShortestPath.findPathBetween(graph, fromId, toId);
        if (best == null) {
            return new RoutePair(fromId, toId, null, null, Disjointness.NONE);
        }
        Route bestRoute = toRoute(best);

        Set<String> interior = new HashSet<>(bestRoute.interior());
        Set<RouteLink> bestLinks = new HashSet<>(best.getEdgeList());
        Graph<String, RouteLink> withoutBestNodes = new MaskSubgraph<>(graph, interior::contains, bestLinks::contains);
        GraphPath<String, RouteLink> detour = DijkstraShortestPath.findPathBetween(withoutBestNodes, fromId, toId);
        if (detour != null) {
            return new RoutePair(fromId, toId, bestRoute, toRoute(detour), Disjointness.NODE_DISJOINT);
        }
        List<Route> nodeDisjointPair = suurballe(graph, fromId, toId, true);
        if (nodeDisjointPair.size() == 2) {
            return new RoutePair(fromId, toId, nodeDisjointPair.get(0), nodeDisjointPair.get(1),
                    Disjointness.NODE_DISJOINT);
        }
        Graph<String, RouteLink> withoutBestLinks = new MaskSubgraph<>(graph, v -> false, bestLinks::contains);
        GraphPath<String, RouteLink> linkDetour = DijkstraShortestPath.findPathBetween(withoutBestLinks, fromId, toId);
        if (linkDetour != null) {
            return new RoutePair(fromId, toId, bestRoute, toRoute(linkDetour), Disjointness.EDGE_DISJOINT);
        }
        List<Route> edgeDisjointPair = suurballe(graph, fromId, toId, false);
        if (edgeDisjointPair.size() == 2) {
            return new RoutePair(fromId, toId, edgeDisjointPair.get(0), edgeDisjointPair.get(1),
                    Disjointness.EDGE_DISJOINT);
        }
        return new RoutePair(fromId, toId, bestRoute, null, Disjointness.NONE);
    }

    /** Routes from every other node to the command post, in node id order. */
    public Map<String, RoutePair> routesTo(String commandPostId) {
        Map<String, RoutePair> all = new LinkedHashMap<>();
        links.nodeIds().stream().sorted().filter(id -> !id.equals(commandPostId))
                .forEach(id -> all.put(id, routes(id, commandPostId)));
        return all;
    }

    private static Route toRoute(GraphPath<String, RouteLink> path) {
        return new Route(path.getVertexList(), path.getWeight());
    }

    /**
     * The two disjoint paths of least total ETX, shorter first; empty when fewer than two
     * exist. Node-disjoint by splitting every node v into v_in → v_out (capacity one path),
     * edge-disjoint on the plain bidirected graph; the result is checked against the undirected
     * links, since a bidirected link could otherwise be used once in each direction.
     */
    private static List<Route> suurballe(Graph<String, RouteLink> graph, String from, String to, boolean splitNodes) {
        Graph<Terminal, DefaultWeightedEdge> directed = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        for (String v : graph.vertexSet()) {
            directed.addVertex(new Terminal(v, false));
            if (splitNodes) {
                directed.addVertex(new Terminal(v, true));
                directed.setEdgeWeight(directed.addEdge(new Terminal(v, false), new Terminal(v, true)), 0);
            }
        }
        for (RouteLink link : graph.edgeSet()) {
            arc(directed, link.nodeA(), link.nodeB(), link.etx(), splitNodes);
            arc(directed, link.nodeB(), link.nodeA(), link.etx(), splitNodes);
        }
        Terminal source = new Terminal(from, splitNodes);
        Terminal sink = new Terminal(to, false);
        List<GraphPath<Terminal, DefaultWeightedEdge>> pair;
        try {
            pair = new SuurballeKDisjointShortestPaths<>(directed).getPaths(source, sink, 2);
        } catch (IllegalArgumentException noSecondPath) {
            return List.of();
        }
        if (pair == null || pair.size() < 2) {
            return List.of();
        }
        List<Route> routes = new ArrayList<>();
        for (GraphPath<Terminal, DefaultWeightedEdge> path : pair) {
            List<String> hops = new ArrayList<>();
            for (Terminal t : path.getVertexList()) {
                if (hops.isEmpty() || !hops.get(hops.size() - 1).equals(t.node)) {
                    hops.add(t.node);
                }
            }
            routes.add(new Route(hops, path.getWeight()));
        }
        routes.sort((a, b) -> Double.compare(a.totalEtx(), b.totalEtx()));
        Set<String> firstInterior = new HashSet<>(routes.get(0).interior());
        boolean shareNode = routes.get(1).interior().stream().anyMatch(firstInterior::contains);
        if (!shareNoLink(routes.get(0), routes.get(1)) || (splitNodes && shareNode)) {
            return List.of();
        }
        return routes;
    }

    private static void arc(Graph<Terminal, DefaultWeightedEdge> directed, String a, String b, double etx,
                            boolean splitNodes) {
        Terminal tail = new Terminal(a, splitNodes);
        Terminal head = new Terminal(b, false);
        directed.setEdgeWeight(directed.addEdge(tail, head), etx);
    }

    private static boolean shareNoLink(Route a, Route b) {
        Set<String> linksOfA = new HashSet<>();
        for (int i = 0; i + 1 < a.hops().size(); i++) {
            linksOfA.add(key(a.hops().get(i), a.hops().get(i + 1)));
        }
        for (int i = 0; i + 1 < b.hops().size(); i++) {
            if (linksOfA.contains(key(b.hops().get(i), b.hops().get(i + 1)))) {
                return false;
            }
        }
        return true;
    }

    private static String key(String x, String y) {
        return x.compareTo(y) <= 0 ? x + "\u0000" + y : y + "\u0000" + x;
    }

    /** A vertex of the directed helper graph: a node, or its outgoing half when split. */
    private record Terminal(String node, boolean out) {
    }
}
