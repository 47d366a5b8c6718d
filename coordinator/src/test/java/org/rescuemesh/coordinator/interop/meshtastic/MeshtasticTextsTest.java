package org.rescuemesh.coordinator.interop.meshtastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import org.junit.jupiter.api.Test;
import org.rescuemesh.agent.relay.MessageRules;
import org.rescuemesh.meshtastic.v2.FromRadio;
import org.rescuemesh.meshtastic.v2.MeshPacket;
import org.rescuemesh.meshtastic.v2.PortNum;
import org.rescuemesh.meshtastic.v2.User;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.RelayMessage;

class MeshtasticTextsTest {

    private static final long NOW = 1_795_000_000_000L;
    private static final int NODE = 0x0a0b0c0d;

    private static FromRadio text(int packetId, String text, int rxTimeS) {
        FromRadio f = MeshtasticPositionsTest.packet(NODE, PortNum.TEXT_MESSAGE_APP, ByteString.copyFromUtf8(text), rxTimeS);
        return f.toBuilder().setPacket(f.getPacket().toBuilder().setId(packetId)).build();
    }

    @Test
    void aTextBecomesAMessageToTheCommandPostWithTheSendersNameAndLastPosition() {
        MeshtasticPositions known = new MeshtasticPositions();
        known.read(MeshtasticPositionsTest.packet(NODE, PortNum.NODEINFO_APP,
                User.newBuilder().setLongName("Team Kilo").setShortName("TK").build().toByteString(), 0), NOW);
        known.read(MeshtasticPositionsTest.packet(NODE, PortNum.POSITION_APP,
                MeshtasticPositionsTest.fix(11.21, 124.97).build().toByteString(), (int) (NOW / 1000) - 120), NOW);

        RelayMessage m = MeshtasticTexts.toMessage(text(0x55aa, "  two injured, need stretcher ", (int) (NOW / 1000) - 3),
                NOW, known).orElseThrow();
        assertThat(m.getMessageId()).isEqualTo("meshtastic-0a0b0c0d-000055aa");
        assertThat(m.getFromId()).isEqualTo("meshtastic:0a0b0c0d");
        assertThat(m.getTo()).isEqualTo("coordinator");
        assertThat(m.getText()).isEqualTo("Team Kilo (TK): two injured, need stretcher");
        assertThat(m.getPriority()).isEqualTo(MessagePriority.MESSAGE_PRIORITY_ROUTINE);
        assertThat(Timestamps.toMillis(m.getCreatedAt())).isEqualTo(NOW - 3_000);
        assertThat(m.getPosition().getLatDeg()).isEqualTo(11.21);
        assertThat(m.getPosition().getLonDeg()).isEqualTo(124.97);
        assertThat(Timestamps.toMillis(m.getPosition().getObservedAt())).isEqualTo(NOW - 120_000);
        MessageRules.check(m); // what the store will check
    }

    @Test
    void whatTheConnectedRadioItselfSentIsNotTakenBack() {
        MeshtasticPositions known = new MeshtasticPositions();
        assertThat(MeshtasticTexts.toMessage(text(9, "from the field", 0), NOW, known)).isPresent();
        known.read(FromRadio.newBuilder().setMyInfo(org.rescuemesh.meshtastic.v2.MyNodeInfo.newBuilder()
                .setMyNodeNum(NODE)).build(), NOW);
        assertThat(MeshtasticTexts.toMessage(text(10, "All teams: return", 0), NOW, known)).isEmpty();
    }

    @Test
    void distressWordsAndTheAlertBellMakeItAnSos() {
        MeshtasticPositions known = new MeshtasticPositions();
        for (String sos : new String[] {"SOS trapped under debris", "mayday: boat taking water", "\u0007 alert from TK"}) {
            RelayMessage m = MeshtasticTexts.toMessage(text(1, sos, 0), NOW, known).orElseThrow();
            assertThat(m.getPriority()).as(sos).isEqualTo(MessagePriority.MESSAGE_PRIORITY_SOS);
            assertThat(m.getText()).doesNotContain("\u0007").startsWith("!0a0b0c0d: ");
            assertThat(m.hasPosition()).isFalse();
        }
        assertThat(MeshtasticTexts.toMessage(text(1, "sosig for lunch", 0), NOW, known).orElseThrow().getPriority())
                .isEqualTo(MessagePriority.MESSAGE_PRIORITY_ROUTINE);
    }

    @Test
    void aClockAheadOrMissingGivesTheArrivalTimeAndOtherPacketsNoMessage() {
        MeshtasticPositions known = new MeshtasticPositions();
        RelayMessage ahead = MeshtasticTexts.toMessage(text(2, "ok", (int) (NOW / 1000) + 3_600), NOW, known).orElseThrow();
        assertThat(Timestamps.toMillis(ahead.getCreatedAt())).isEqualTo(NOW);
        RelayMessage noId = MeshtasticTexts.toMessage(text(0, "ok", 0), NOW, known).orElseThrow();
        assertThat(noId.getMessageId()).isEqualTo("meshtastic-0a0b0c0d-t" + NOW);

        assertThat(MeshtasticTexts.toMessage(text(3, "   ", 0), NOW, known)).isEmpty();
        assertThat(MeshtasticTexts.toMessage(MeshtasticPositionsTest.packet(NODE, PortNum.POSITION_APP,
                MeshtasticPositionsTest.fix(1, 1).build().toByteString(), 0), NOW, known)).isEmpty();
        assertThat(MeshtasticTexts.toMessage(FromRadio.newBuilder().setPacket(MeshPacket.newBuilder().setFrom(NODE)
                .setEncrypted(ByteString.copyFromUtf8("sealed"))).build(), NOW, known)).isEmpty();
    }
}
