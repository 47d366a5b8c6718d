package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.LinkReport;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

class MeshTopologyTest {

    static NodeState node(String id, NodeStatus status, String... peers) {
        NodeState.Builder b = NodeState.newBuilder().setNodeId(id).setKind(NodeKind.NODE_KIND_AGENT).setStatus(status);
        for (String p : peers) {
            b.addLinks(LinkReport.newBuilder().setPeerId(p).setLoss(0.1));
        }
        return b.build();
    }

    @Test
    void chainHasItsInnerNodesAsCutVerticesAndIsolatedGroupsArePartitions() {
        List<NodeState> nodes = new ArrayList<>();
        // a - b - c - d chain; e - f pair; g alone; h dead but linked to g; a boat asset.
        nodes.add(node("a", NodeStatus.NODE_STATUS_ALIVE, "b"));
        nodes.add(node("b", NodeStatus.NODE_STATUS_ALIVE, "a", "c"));
        nodes.add(node("c", NodeStatus.NODE_STATUS_SUSPECT, "d"));
        nodes.add(node("d", NodeStatus.NODE_STATUS_ALIVE));
        nodes.add(node("e", NodeStatus.NODE_STATUS_ALIVE, "f"));
        nodes.add(node("f", NodeStatus.NODE_STATUS_ALIVE));
        nodes.add(node("g", NodeStatus.NODE_STATUS_ALIVE, "h"));
        nodes.add(node("h", NodeStatus.NODE_STATUS_DEAD, "g"));
        nodes.add(NodeState.newBuilder().setNodeId("boat").setKind(NodeKind.NODE_KIND_ASSET).build());
        MeshTopology t = MeshTopology.of(nodes);
        assertThat(t.partitionCount()).isEqualTo(3);
        assertThat(t.partitionOf()).containsEntry("a", 0).containsEntry("d", 0).containsEntry("e", 1)
                .containsEntry("f", 1).containsEntry("g", 2).doesNotContainKeys("h", "boat");
        assertThat(t.cutVertices()).containsExactlyInAnyOrder("b", "c");
        assertThat(t.links()).extracting(l -> l.from() + ">" + l.to())
                .containsExactly("a>b", "b>a", "b>c", "c>d", "e>f");
    }

    @Test
    void aRingHasNoCutVertex() {
        MeshTopology t = MeshTopology.of(List.of(node("a", NodeStatus.NODE_STATUS_ALIVE, "b"),
                node("b", NodeStatus.NODE_STATUS_ALIVE, "c"), node("c", NodeStatus.NODE_STATUS_ALIVE, "a")));
        assertThat(t.partitionCount()).isEqualTo(1);
        assertThat(t.cutVertices()).isEmpty();
    }
}
