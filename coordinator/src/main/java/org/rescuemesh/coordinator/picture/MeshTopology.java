package org.rescuemesh.coordinator.picture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.BiconnectivityInspector;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.rescuemesh.proto.v1.LinkReport;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * The mesh as a graph: mesh nodes (agents and coordinators that are not dead or gone) joined by
 * the links they report. Partitions are the connected components, numbered from 0 by size
 * (largest first, then by smallest node id); cut vertices are the nodes whose loss splits a
 * partition — the places where a relay would add resilience. Agency assets are not part of the
 * mesh and belong to no partition.
 */
public record MeshTopology(Map<String, Integer> partitionOf, Set<String> cutVertices, List<Link> links) {

    /** One reported link between two mesh nodes (each direction reported separately is kept). */
    public record Link(String from, String to, LinkReport report) {
    }

    public static MeshTopology of(List<NodeState> nodes) {
        Graph<String, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        Map<String, NodeState> mesh = new HashMap<>();
        for (NodeState n : nodes) {
            if (n.getKind() != NodeKind.NODE_KIND_ASSET && n.getStatus() != NodeStatus.NODE_STATUS_DEAD
                    && n.getStatus() != NodeStatus.NODE_STATUS_LEFT) {
                mesh.put(n.getNodeId(), n);
                g.addVertex(n.getNodeId());
            }
        }
        List<Link> links = new ArrayList<>();
        for (NodeState n : mesh.values()) {
            for (LinkReport l : n.getLinksList()) {
                if (mesh.containsKey(l.getPeerId()) && !l.getPeerId().equals(n.getNodeId())) {
                    links.add(new Link(n.getNodeId(), l.getPeerId(), l));
                    if (!g.containsEdge(n.getNodeId(), l.getPeerId())) {
                        g.addEdge(n.getNodeId(), l.getPeerId());
                    }
                }
            }
        }
        links.sort(Comparator.comparing(Link::from).thenComparing(Link::to));
        List<Set<String>> components = new ArrayList<>();
        for (Set<String> c : new ConnectivityInspector<>(g).connectedSets()) {
            components.add(new TreeSet<>(c));
        }
        components.sort(Comparator.<Set<String>>comparingInt(c -> -c.size())
                .thenComparing(c -> ((TreeSet<String>) c).first()));
        Map<String, Integer> partitionOf = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            for (String id : components.get(i)) {
                partitionOf.put(id, i);
            }
        }
        Set<String> cuts = new TreeSet<>(new BiconnectivityInspector<>(g).getCutpoints());
        return new MeshTopology(Map.copyOf(partitionOf), Set.copyOf(cuts), List.copyOf(links));
    }

    public int partitionCount() {
        return (int) partitionOf.values().stream().distinct().count();
    }
}
