package org.rescuemesh.coordinator.interop.meshtastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.coordinator.ingest.PositionValidator;
import org.rescuemesh.meshtastic.v2.Data;
import org.rescuemesh.meshtastic.v2.FromRadio;
import org.rescuemesh.meshtastic.v2.MeshPacket;
import org.rescuemesh.meshtastic.v2.NodeInfo;
import org.rescuemesh.meshtastic.v2.PortNum;
import org.rescuemesh.meshtastic.v2.Position;
import org.rescuemesh.meshtastic.v2.Role;
import org.rescuemesh.meshtastic.v2.User;
import org.rescuemesh.proto.v1.AssetPosition;

class MeshtasticPositionsTest {

    private static final long NOW = 1_795_000_000_000L;
    private static final int NODE = 0xa1b2c3d4;

    static FromRadio packet(int from, PortNum port, ByteString payload, int rxTimeS) {
        return FromRadio.newBuilder().setPacket(MeshPacket.newBuilder().setFrom(from).setTo(0xffffffff)
                .setRxTime(rxTimeS).setDecoded(Data.newBuilder().setPortnum(port).setPayload(payload))).build();
    }

    static Position.Builder fix(double lat, double lon) {
        return Position.newBuilder().setLatitudeI((int) Math.round(lat * 1e7)).setLongitudeI((int) Math.round(lon * 1e7));
    }

    @Test
    void aPositionPacketBecomesAnAgencyPositionNamedAfterTheNodesAnnouncement() {
        MeshtasticPositions positions = new MeshtasticPositions();
        assertThat(positions.read(packet(NODE, PortNum.NODEINFO_APP, User.newBuilder().setId("!a1b2c3d4")
                .setLongName("Medic Alpha").setShortName("MA").build().toByteString(), 0), NOW)).isEmpty();
        Position pos = fix(11.2431, 124.9987).setAltitude(37).setGroundSpeed(18).setGroundTrack(9_000_000)
                .setGpsAccuracy(3000).setHDOP(150).build();
        List<AssetPosition> out = positions.read(packet(NODE, PortNum.POSITION_APP, pos.toByteString(),
                (int) (NOW / 1000) - 4), NOW);

        assertThat(out).hasSize(1);
        AssetPosition a = out.get(0);
        assertThat(a.getAssetId()).isEqualTo("meshtastic:a1b2c3d4");
        assertThat(a.getSource()).isEqualTo("meshtastic");
        assertThat(a.getLabel()).isEqualTo("Medic Alpha (MA)");
        assertThat(a.getKind()).isEqualTo("radio");
        assertThat(a.getLat()).isCloseTo(11.2431, within(1e-12));
        assertThat(a.getLon()).isEqualTo(124.9987);
        assertThat(a.getAltM()).isEqualTo(37.0);
        assertThat(a.getSpeedMps()).isCloseTo(5.0, within(1e-9)); // 18 km/h
        assertThat(a.getHeadingDeg()).isCloseTo(90.0, within(1e-9));
        assertThat(a.getAccuracyM()).isCloseTo(4.5, within(1e-9)); // 3 m × HDOP 1.5
        // no time of its own: the receiving radio's clock
        assertThat(Timestamps.toMillis(a.getObservedAt())).isEqualTo(NOW - 4000);
        assertThat(PositionValidator.check(0, a, NOW)).isEmpty();
    }

    @Test
    void theNodeDatabaseOnConnectGivesLastKnownPositionsAndNames() {
        MeshtasticPositions positions = new MeshtasticPositions();
        int lastHeard = (int) (NOW / 1000) - 600;
        FromRadio info = FromRadio.newBuilder().setNodeInfo(NodeInfo.newBuilder().setNum(0x0000beef)
                .setUser(User.newBuilder().setLongName("Ridge Relay").setRole(Role.ROUTER))
                .setPosition(fix(11.30, 124.90)).setLastHeard(lastHeard)).build();
        AssetPosition a = positions.read(info, NOW).get(0);
        assertThat(a.getAssetId()).isEqualTo("meshtastic:0000beef");
        assertThat(a.getLabel()).isEqualTo("Ridge Relay");
        assertThat(a.getKind()).isEqualTo("relay");
        assertThat(Timestamps.toMillis(a.getObservedAt())).isEqualTo(lastHeard * 1000L);
        // a node known without a position gives its name for later, and nothing to store now
        assertThat(positions.read(FromRadio.newBuilder().setNodeInfo(NodeInfo.newBuilder().setNum(5)
                .setUser(User.newBuilder().setLongName("Dog Team"))).build(), NOW)).isEmpty();
        // an undated entry of the database may be days old: not shown as current
        assertThat(positions.read(FromRadio.newBuilder().setNodeInfo(NodeInfo.newBuilder().setNum(6)
                .setPosition(fix(11.1, 125.1))).build(), NOW)).isEmpty();
        AssetPosition dog = positions.read(packet(5, PortNum.POSITION_APP, fix(11.0, 125.0).build().toByteString(), 0), NOW).get(0);
        assertThat(dog.getLabel()).isEqualTo("Dog Team");
        assertThat(Timestamps.toMillis(dog.getObservedAt())).isEqualTo(NOW); // no clock anywhere: reception
    }

    @Test
    void aBlurredPositionSaysHowFarOffItMayBe() {
        // 13 bits: cells of 2^19 × 1e-7 ° = 0.0524 ° ≈ 5.84 km; half the diagonal ≈ 4.13 km
        AssetPosition a = new MeshtasticPositions().read(packet(NODE, PortNum.POSITION_APP,
                fix(11.25, 124.95).setPrecisionBits(13).build().toByteString(), 0), NOW).get(0);
        assertThat(a.getAccuracyM()).isCloseTo(Math.scalb(1.0, 19) / 1e7 * 111_320 * Math.sqrt(2) / 2, within(1e-6));
        assertThat(a.getAccuracyM()).isBetween(4_000.0, 4_300.0);
    }

    @Test
    void theGpsTimeWinsUnlessItIsInTheFuture() {
        int gps = (int) (NOW / 1000) - 30;
        Position withGps = fix(1, 1).setTimestamp(gps).setTime(gps + 10).build();
        assertThat(MeshtasticPositions.observedAt(withGps, NOW - 5_000, NOW)).isEqualTo(gps * 1000L);
        Position senderClockOnly = fix(1, 1).setTime(gps + 10).build();
        assertThat(MeshtasticPositions.observedAt(senderClockOnly, NOW - 5_000, NOW)).isEqualTo((gps + 10) * 1000L);
        // a sender whose clock runs a day ahead: the position is current, its clock is not
        Position ahead = fix(1, 1).setTimestamp((int) (NOW / 1000) + 86_400).build();
        assertThat(MeshtasticPositions.observedAt(ahead, 0, NOW)).isEqualTo(NOW);
    }

    @Test
    void noFixEncryptedAndOtherPacketsGiveNothing() {
        MeshtasticPositions positions = new MeshtasticPositions();
        assertThat(positions.read(packet(NODE, PortNum.POSITION_APP, fix(0, 0).build().toByteString(), 0), NOW)).isEmpty();
        assertThat(positions.read(packet(NODE, PortNum.POSITION_APP, Position.newBuilder().setAltitude(5).build()
                .toByteString(), 0), NOW)).isEmpty();
        assertThat(positions.read(FromRadio.newBuilder().setPacket(MeshPacket.newBuilder().setFrom(NODE)
                .setEncrypted(ByteString.copyFromUtf8("sealed"))).build(), NOW)).isEmpty();
        assertThat(positions.read(packet(NODE, PortNum.TEXT_MESSAGE_APP, ByteString.copyFromUtf8("hello"), 0), NOW)).isEmpty();
        assertThat(positions.read(FromRadio.newBuilder().setConfigCompleteId(3).build(), NOW)).isEmpty();
    }

    @Test
    void anUnreadablePayloadIsAClearError() {
        FromRadio bad = packet(NODE, PortNum.POSITION_APP, ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff}), 0);
        assertThatThrownBy(() -> new MeshtasticPositions().read(bad, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unreadable POSITION_APP payload from node meshtastic:a1b2c3d4");
    }
}
