package org.rescuemesh.coordinator.interop.tak;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;
import org.rescuemesh.tak.v1.CotEvent;

class CotPictureTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static NodeState agent(NodeStatus status) {
        return NodeState.newBuilder().setNodeId("alpha-03").setName("Alpha 3 \"Doc\" & co").setTeam("usar-alpha")
                .setKind(NodeKind.NODE_KIND_AGENT).setStatus(status).setBatteryPct(62.4).setSos(true)
                .setStatusText("casualty found")
                .setPosition(GeoPosition.newBuilder().setLatDeg(11.17).setLonDeg(124.88).setAltM(310).setAltKnown(true)
                        .setAccuracyM(5).setSpeedMps(1.1).setHeadingDeg(200)
                        .setObservedAt(Timestamps.fromMillis(NOW.toEpochMilli() - 3_000)))
                .build();
    }

    @Test
    void aTeamMemberIsAFriendlyGroundUnitWithItsTeamAndBattery() {
        CotEvent e = CotPicture.toEvent(agent(NodeStatus.NODE_STATUS_ALIVE), NOW).orElseThrow();
        assertThat(e.getUid()).isEqualTo("alpha-03");
        assertThat(e.getType()).isEqualTo("a-f-G-U-C");
        assertThat(e.getSendTime()).isEqualTo(NOW.toEpochMilli() - 3_000);
        assertThat(e.getStaleTime() - e.getSendTime()).isEqualTo(CotPicture.STALE_AFTER.toMillis());
        assertThat(e.getHae()).isEqualTo(310);
        assertThat(e.getCe()).isEqualTo(5);
        assertThat(e.getDetail().getContact().getCallsign()).isEqualTo("Alpha 3 \"Doc\" & co");
        assertThat(e.getDetail().getGroup().getName()).isEqualTo("usar-alpha");
        assertThat(e.getDetail().getStatus().getBattery()).isEqualTo(62);
        assertThat(e.getDetail().getTrack().getCourse()).isEqualTo(200);
        assertThat(CotPicture.remarks(agent(NodeStatus.NODE_STATUS_ALIVE))).isEqualTo("SOS casualty found");
    }

    @Test
    void whatWeWriteReadsBackTheSame() {
        CotEvent e = CotPicture.toEvent(agent(NodeStatus.NODE_STATUS_ALIVE).toBuilder()
                .setStatusText("casualty found <urgent>").build(), NOW).orElseThrow();
        byte[] xml = CotXml.write(e);
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("&quot;Doc&quot; &amp; co")
                .contains("<remarks>SOS casualty found &lt;urgent&gt;</remarks>");
        CotEvent back = CotXml.read(xml).event();
        assertThat(back.getUid()).isEqualTo(e.getUid());
        assertThat(back.getType()).isEqualTo(e.getType());
        assertThat(back.getSendTime()).isEqualTo(e.getSendTime());
        assertThat(back.getStaleTime()).isEqualTo(e.getStaleTime());
        assertThat(back.getLat()).isEqualTo(e.getLat());
        assertThat(back.getHae()).isEqualTo(e.getHae());
        assertThat(back.getDetail().getContact().getCallsign()).isEqualTo(e.getDetail().getContact().getCallsign());
        assertThat(back.getDetail().getGroup()).isEqualTo(e.getDetail().getGroup());
        assertThat(back.getDetail().getStatus()).isEqualTo(e.getDetail().getStatus());
        assertThat(back.getDetail().getTrack()).isEqualTo(e.getDetail().getTrack());
    }

    @Test
    void aDeadNodeIsSentStaleAndNodesWithoutPositionAreNotSent() {
        CotEvent dead = CotPicture.toEvent(agent(NodeStatus.NODE_STATUS_DEAD), NOW).orElseThrow();
        assertThat(dead.getStaleTime()).isLessThanOrEqualTo(NOW.toEpochMilli());
        assertThat(CotPicture.toEvent(agent(NodeStatus.NODE_STATUS_ALIVE).toBuilder().clearPosition().build(), NOW)).isEmpty();
        NodeState heli = NodeState.newBuilder().setNodeId("rescue-21").setKind(NodeKind.NODE_KIND_ASSET)
                .setStatusText("helicopter").setBatteryPct(-1)
                .setPosition(GeoPosition.newBuilder().setLatDeg(11.2).setLonDeg(125)).build();
        CotEvent h = CotPicture.toEvent(heli, NOW).orElseThrow();
        assertThat(h.getType()).isEqualTo("a-f-A-C-H");
        assertThat(h.getHae()).isEqualTo(CotAssets.UNKNOWN);
        assertThat(h.getDetail().hasStatus()).isFalse();
        assertThat(h.getDetail().getContact().getCallsign()).isEqualTo("rescue-21");
        assertThat(CotAssets.toAsset(h).orElseThrow().getKind()).as("our own output reads back as the same kind")
                .isEqualTo("helicopter");
    }
}
