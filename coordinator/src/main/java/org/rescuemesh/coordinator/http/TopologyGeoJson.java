package org.rescuemesh.coordinator.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rescuemesh.agent.api.StateJson;
import org.rescuemesh.coordinator.picture.MeshTopology;
import org.rescuemesh.proto.v1.NodeState;

/**
 * GET /api/v1/topology: a GeoJSON FeatureCollection. Nodes with a position are Points with
 * {@code featureType: "node"}, {@code partition} (null for assets) and {@code cutVertex}; each
 * reported link whose both ends have a position is a LineString with {@code featureType: "link"},
 * {@code from}, {@code to} and the link quality fields. Foreign members {@code partitions} and
 * {@code cutVertices} summarise the graph.
 */
final class TopologyGeoJson {

    private TopologyGeoJson() {
    }

    static JsonObject render(List<NodeState> nodes, Staleness staleness, long nowMs) {
        MeshTopology topo = MeshTopology.of(nodes);
        Map<String, NodeState> byId = new HashMap<>();
        JsonArray features = new JsonArray();
        nodes.stream().sorted(Comparator.comparing(NodeState::getNodeId)).forEach(n -> {
            byId.put(n.getNodeId(), n);
            if (!n.hasPosition()) {
                return;
            }
            JsonObject props = staleness.json(n, nowMs);
            props.remove("links");
            props.put("featureType", "node")
                    .put("partition", topo.partitionOf().get(n.getNodeId()))
                    .put("cutVertex", topo.cutVertices().contains(n.getNodeId()));
            features.add(feature(n.getNodeId(), new JsonObject().put("type", "Point")
                    .put("coordinates", coords(n)), props));
        });
        for (MeshTopology.Link l : topo.links()) {
            NodeState a = byId.get(l.from());
            NodeState b = byId.get(l.to());
            if (a == null || b == null || !a.hasPosition() || !b.hasPosition()) {
                continue;
            }
            JsonObject props = StateJson.link(l.report()).put("featureType", "link").put("from", l.from()).put("to", l.to())
                    .put("partition", topo.partitionOf().get(l.from()));
            features.add(feature(l.from() + "->" + l.to(), new JsonObject().put("type", "LineString")
                    .put("coordinates", new JsonArray().add(coords(a)).add(coords(b))), props));
        }
        return new JsonObject().put("type", "FeatureCollection").put("features", features)
                .put("partitions", topo.partitionCount())
                .put("cutVertices", new JsonArray(topo.cutVertices().stream().sorted().toList()));
    }

    private static JsonArray coords(NodeState n) {
        return new JsonArray().add(n.getPosition().getLonDeg()).add(n.getPosition().getLatDeg());
    }

    private static JsonObject feature(String id, JsonObject geometry, JsonObject props) {
        return new JsonObject().put("type", "Feature").put("id", id).put("geometry", geometry).put("properties", props);
    }
}
