package org.rescuemesh.coordinator.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.LinkReport;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/** Routes over measured links only (no terrain): the graph part of the report. */
class MeshRoutesTest {

    private static NodeState node(String id, NodeKind kind, NodeStatus status, String... peersAndEtx) {
        NodeState.Builder b = NodeState.newBuilder().setNodeId(id).setKind(kind).setStatus(status);
        for (int i = 0; i < peersAndEtx.length; i += 2) {
            b.addLinks(LinkReport.newBuilder().setPeerId(peersAndEtx[i]).setEtx(Double.parseDouble(peersAndEtx[i + 1])));
        }
        return b.build();
    }

    private static NodeState agent(String id, String... peersAndEtx) {
        return node(id, NodeKind.NODE_KIND_AGENT, NodeStatus.NODE_STATUS_ALIVE, peersAndEtx);
    }

    /**
     * cp — a — b — c — cp is a ring (everyone on it has a node-disjoint backup); d hangs off b
     * alone (b is a cut vertex, b–d a bridge); e is dead and f is an asset, neither relays.
     */
    private static List<NodeState> ring() {
        List<NodeState> nodes = new ArrayList<>();
        nodes.add(node("cp", NodeKind.NODE_KIND_COORDINATOR, NodeStatus.NODE_STATUS_ALIVE, "a", "1.1"));
        nodes.add(agent("a", "cp", "1.1", "b", "1.2"));
        nodes.add(agent("b", "a", "1.2", "c", "1.5", "d", "1.3", "e", "1.0"));
        nodes.add(agent("c", "b", "1.5", "cp", "2.0"));
        nodes.add(agent("d", "b", "1.3"));
        nodes.add(node("e", NodeKind.NODE_KIND_AGENT, NodeStatus.NODE_STATUS_DEAD, "b", "1.0", "cp", "1.0"));
        nodes.add(node("f", NodeKind.NODE_KIND_ASSET, NodeStatus.NODE_STATUS_ALIVE));
        return nodes;
    }

    private static JsonObject routeOf(JsonObject report, String from) {
        for (Object o : report.getJsonArray("routes")) {
            JsonObject r = (JsonObject) o;
            if (r.getString("from").equals(from)) {
                return r;
            }
        }
        throw new AssertionError("no route from " + from + " in " + report.encodePrettily());
    }

    @Test
    void bestAndBackupRoutesLeadToTheCommandPost() {
        JsonObject report = MeshRoutes.report(ring(), "cp", null, null);
        assertThat(report.getInteger("nodes")).isEqualTo(5);
        assertThat(report.getBoolean("predictedLinks")).isFalse();
        JsonObject fromB = routeOf(report, "b");
        // via a: 1.2 + 1.1 = 2.3; via c: 1.5 + 2.0 = 3.5
        assertThat(fromB.getJsonObject("best").getJsonArray("hops").getList()).containsExactly("b", "a", "cp");
        assertThat(fromB.getJsonObject("best").getDouble("totalEtx")).isCloseTo(2.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fromB.getJsonObject("backup").getJsonArray("hops").getList()).containsExactly("b", "c", "cp");
        assertThat(fromB.getString("disjointness")).isEqualTo("node_disjoint");
        JsonObject fromD = routeOf(report, "d");
        assertThat(fromD.getJsonObject("best").getJsonArray("hops").getList()).containsExactly("d", "b", "a", "cp");
        assertThat(fromD.getValue("backup")).isNull();
        assertThat(report.getLong("withoutBackup")).isEqualTo(1);
        assertThat(report.getLong("unreachable")).isZero();
    }

    @Test
    void singlePointsOfFailureAreNamed() {
        JsonObject report = MeshRoutes.report(ring(), "cp", null, null);
        assertThat(report.getJsonArray("cutVertices").getList()).containsExactly("b");
        JsonArray bridges = report.getJsonArray("bridges");
        assertThat(bridges).hasSize(1);
        JsonObject bridge = bridges.getJsonObject(0);
        assertThat(List.of(bridge.getString("a"), bridge.getString("b"))).containsExactlyInAnyOrder("b", "d");
        assertThat(report.getJsonArray("partitions")).hasSize(1);
    }

    @Test
    void deadNodesAndAssetsDoNotRelay() {
        JsonObject report = MeshRoutes.report(ring(), "cp", null, null);
        // e (dead) would have given b a one-hop route of ETX 2.0
        assertThat(report.getJsonArray("routes").stream().map(o -> ((JsonObject) o).getString("from")))
                .containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(report.getJsonArray("links").encode()).doesNotContain("\"e\"").doesNotContain("\"f\"");
    }

    @Test
    void anIsolatedNodeIsReportedUnreachable() {
        List<NodeState> nodes = ring();
        nodes.add(agent("g"));
        JsonObject report = MeshRoutes.report(nodes, "cp", null, null);
        assertThat(routeOf(report, "g").getBoolean("reachable")).isFalse();
        assertThat(report.getLong("unreachable")).isEqualTo(1);
        assertThat(report.getJsonArray("partitions")).hasSize(2);
    }

    @Test
    void aCommandPostOutsideTheMeshIsRefused() {
        assertThatThrownBy(() -> MeshRoutes.report(ring(), "nobody", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody");
    }
}
