package org.rescuemesh.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.Alive;
import org.rescuemesh.proto.v1.MemberState;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

class MemberRecordsTest {

    private final MemberState known = MemberState.newBuilder().setNodeId("n7").setAddr("10.0.0.7:7946")
            .setIncarnation(3).setStatus(NodeStatus.NODE_STATUS_ALIVE)
            .setState(NodeState.newBuilder().setNodeId("n7").setBatteryPct(80)).build();

    @Test
    void derivedRecordsEqualWhatTheBuilderMakesAndAreShared() {
        MemberRecords records = new MemberRecords();
        MemberState suspect = records.withStatus(7, known, 3, NodeStatus.NODE_STATUS_SUSPECT);
        assertThat(suspect).isEqualTo(known.toBuilder().setStatus(NodeStatus.NODE_STATUS_SUSPECT).build());
        // another node holding an equal (not identical) record hears the same suspicion
        MemberState otherCopy = known.toBuilder().build();
        assertThat(records.withStatus(7, otherCopy, 3, NodeStatus.NODE_STATUS_SUSPECT)).isSameAs(suspect);
        assertThat(records.withStatus(7, known, 4, NodeStatus.NODE_STATUS_SUSPECT))
                .as("another incarnation is another record").isNotSameAs(suspect)
                .extracting(MemberState::getIncarnation).isEqualTo(4L);
    }

    @Test
    void differentMembersOrStatesAreNeverConfused() {
        MemberRecords records = new MemberRecords(16);
        MemberState dead = records.withStatus(7, known, 3, NodeStatus.NODE_STATUS_DEAD);
        MemberState otherState = known.toBuilder().setState(NodeState.newBuilder().setNodeId("n7").setBatteryPct(5)).build();
        MemberState dead2 = records.withStatus(7, otherState, 3, NodeStatus.NODE_STATUS_DEAD);
        assertThat(dead2).isNotSameAs(dead).isEqualTo(otherState.toBuilder().setStatus(NodeStatus.NODE_STATUS_DEAD).build());
        MemberState noState = known.toBuilder().clearState().build();
        assertThat(records.withStatus(7, noState, 3, NodeStatus.NODE_STATUS_DEAD).hasState()).isFalse();
        // slots beyond a fixed-size instance are built, not remembered
        assertThat(records.withStatus(40, known, 3, NodeStatus.NODE_STATUS_DEAD)).isEqualTo(dead);
    }

    @Test
    void aliveMessagesBecomeSharedAliveRecords() {
        MemberRecords records = new MemberRecords();
        Alive alive = Alive.newBuilder().setNodeId("n7").setAddr("10.0.0.7:7946").setIncarnation(4)
                .setState(known.getState()).build();
        MemberState r = records.alive(300, alive);
        assertThat(r).isEqualTo(MemberState.newBuilder().setNodeId("n7").setAddr("10.0.0.7:7946").setIncarnation(4)
                .setStatus(NodeStatus.NODE_STATUS_ALIVE).setState(known.getState()).build());
        assertThat(records.alive(300, alive.toBuilder().build())).isSameAs(r);
        assertThat(records.alive(300, alive.toBuilder().setAddr("10.0.0.8:7946").build())).isNotSameAs(r);
    }
}
