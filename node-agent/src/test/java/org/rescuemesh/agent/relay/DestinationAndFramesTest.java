package org.rescuemesh.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rescuemesh.gossip.FrameBudget;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.MessageState;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.RelayMessage;
import org.rescuemesh.proto.v1.RelayReceipt;

/** Destinations as written in {@code to}, and how sends are packed into frames. */
class DestinationAndFramesTest {

    private static final NodeState MEDIC = NodeState.newBuilder().setTeam("medics").setKind(NodeKind.NODE_KIND_AGENT).build();
    private static final NodeState COMMAND = NodeState.newBuilder().setTeam("hq").setKind(NodeKind.NODE_KIND_COORDINATOR).build();

    @Test
    void destinationsMatchTheRightMembers() {
        Destination node = Destination.parse("node:team-a-03");
        assertThat(node.includes("team-a-03", MEDIC)).isTrue();
        assertThat(node.includes("team-a-04", MEDIC)).isFalse();
        assertThat(node.multicast()).isFalse();
        Destination team = Destination.parse("team:medics");
        assertThat(team.includes("x", MEDIC)).isTrue();
        assertThat(team.includes("x", COMMAND)).isFalse();
        assertThat(Destination.parse("coordinator").includes("k", COMMAND)).isTrue();
        assertThat(Destination.parse("coordinator").includes("k", MEDIC)).isFalse();
        assertThat(Destination.parse("broadcast").includes("k", MEDIC)).isTrue();
        for (String to : List.of("node:team-a-03", "team:medics", "coordinator", "broadcast")) {
            assertThat(Destination.parse(to).toString()).isEqualTo(to);
        }
    }

    @Test
    void badDestinationsAreRefusedWithTheRule() {
        for (String bad : new String[] {"", "node:", "team:", "node:a b", "Node:x", "coordinators", "all", "team:" + "x".repeat(65)}) {
            assertThatThrownBy(() -> Destination.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'to'");
        }
        assertThatThrownBy(() -> Destination.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receiptsShareFramesAndABigMessageTravelsAlone() {
        List<RelayOut> outs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            outs.add(new RelayOut("B", GossipMessage.newBuilder().setReceipt(RelayReceipt.newBuilder()
                    .setMessageId("0f8fad5b-d9cb-469f-a165-70867728950e").setById("node-" + i)
                    .setState(MessageState.MESSAGE_STATE_DELIVERED)).build()));
        }
        GossipMessage big = GossipMessage.newBuilder().setRelay(RelayMessage.newBuilder().setMessageId("m")
                .setText("x".repeat(4000))).build();
        outs.add(new RelayOut("C", big));
        outs.add(new RelayOut("B", big));
        int budget = 1_000;
        Map<String, List<List<GossipMessage>>> frames = RelayFrames.pack(outs, budget);
        List<List<GossipMessage>> toB = frames.get("B");
        assertThat(toB.stream().mapToInt(List::size).sum()).isEqualTo(31);
        assertThat(toB.get(0)).hasSizeGreaterThan(10);
        for (List<GossipMessage> frame : toB) {
            int bytes = frame.stream().mapToInt(FrameBudget::messageBytes).sum();
            assertThat(bytes <= budget || frame.size() == 1).isTrue();
        }
        assertThat(toB.get(toB.size() - 1)).containsExactly(big);
        assertThat(frames.get("C")).containsExactly(List.of(big));
    }
}
