package org.rescuemesh.coordinator.interop.tak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rescuemesh.agent.relay.MessageRules;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.RelayMessage;
import org.rescuemesh.tak.v1.CotEvent;
import org.rescuemesh.tak.v1.Detail;

class CotChatTest {

    private static final long NOW = Instant.parse("2026-11-28T10:00:05Z").toEpochMilli();

    /** A GeoChat to All Chat Rooms as ATAK 4.x writes it. */
    static String geoChat(String text) {
        return "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
                + "<event version=\"2.0\" uid=\"GeoChat.ANDROID-589520ccfcd20f01.All Chat Rooms.ff1bd2a4-9ad2-4a4f-9a8d-0b53d6b1a9f4\""
                + " type=\"b-t-f\" time=\"2026-11-28T10:00:00.000Z\" start=\"2026-11-28T10:00:00.000Z\""
                + " stale=\"2026-11-29T10:00:00.000Z\" how=\"h-g-i-g-o\">"
                + "<point lat=\"11.171\" lon=\"124.901\" hae=\"9999999.0\" ce=\"9999999.0\" le=\"9999999.0\"/>"
                + "<detail><__chat parent=\"RootContactGroup\" groupOwner=\"false\""
                + " messageId=\"ff1bd2a4-9ad2-4a4f-9a8d-0b53d6b1a9f4\" chatroom=\"All Chat Rooms\" id=\"All Chat Rooms\""
                + " senderCallsign=\"Medic 1\"><chatgrp uid0=\"ANDROID-589520ccfcd20f01\" uid1=\"All Chat Rooms\""
                + " id=\"All Chat Rooms\"/></__chat>"
                + "<link uid=\"ANDROID-589520ccfcd20f01\" type=\"a-f-G-U-C\" relation=\"p-p\"/>"
                + "<remarks source=\"BAO.F.ATAK.ANDROID-589520ccfcd20f01\" to=\"All Chat Rooms\""
                + " time=\"2026-11-28T10:00:00.000Z\">" + text + "</remarks>"
                + "<__serverdestination destinations=\"192.168.1.10:4242:tcp:ANDROID-589520ccfcd20f01\"/>"
                + "</detail></event>";
    }

    @Test
    void anAtakGeoChatBecomesAMessageToTheCommandPost() {
        CotEvent e = CotXml.read(geoChat("Two injured at the bridge &amp; one missing").getBytes(StandardCharsets.UTF_8)).event();
        RelayMessage m = CotChat.toMessage(e, NOW).orElseThrow();
        assertThat(m.getMessageId()).isEqualTo("tak-ff1bd2a4-9ad2-4a4f-9a8d-0b53d6b1a9f4");
        assertThat(m.getFromId()).isEqualTo("ANDROID-589520ccfcd20f01");
        assertThat(m.getTo()).isEqualTo("coordinator");
        assertThat(m.getText()).isEqualTo("Medic 1 [All Chat Rooms]: Two injured at the bridge & one missing");
        assertThat(m.getPriority()).isEqualTo(MessagePriority.MESSAGE_PRIORITY_ROUTINE);
        assertThat(Timestamps.toMillis(m.getCreatedAt())).isEqualTo(NOW - 5_000);
        assertThat(m.getPosition().getLatDeg()).isEqualTo(11.171);
        assertThat(m.getPosition().getLonDeg()).isEqualTo(124.901);
        MessageRules.check(m);
    }

    @Test
    void theSameChatOverTakProtocolOneReadsTheSame() {
        // a protocol 1 client carries __chat, link and remarks in xmlDetail
        CotEvent xml = CotXml.read(geoChat("SOS water rising").getBytes(StandardCharsets.UTF_8)).event();
        String fragment = "<__chat parent=\"RootContactGroup\" groupOwner=\"false\" messageId=\"ff1bd2a4-9ad2-4a4f-9a8d-0b53d6b1a9f4\""
                + " chatroom=\"All Chat Rooms\" id=\"All Chat Rooms\" senderCallsign=\"Medic 1\"><chatgrp"
                + " uid0=\"ANDROID-589520ccfcd20f01\" uid1=\"All Chat Rooms\" id=\"All Chat Rooms\"/></__chat>"
                + "<link uid=\"ANDROID-589520ccfcd20f01\" type=\"a-f-G-U-C\" relation=\"p-p\"/>"
                + "<remarks source=\"BAO.F.ATAK.ANDROID-589520ccfcd20f01\" to=\"All Chat Rooms\">SOS water rising</remarks>";
        CotEvent proto = xml.toBuilder().setDetail(Detail.newBuilder().setXmlDetail(fragment)).build();
        RelayMessage fromXml = CotChat.toMessage(xml, NOW).orElseThrow();
        RelayMessage fromProto = CotChat.toMessage(proto, NOW).orElseThrow();
        assertThat(fromProto).isEqualTo(fromXml);
        assertThat(fromXml.getPriority()).isEqualTo(MessagePriority.MESSAGE_PRIORITY_SOS);
    }

    @Test
    void idsThatDoNotFitAreDigestedAndOtherEventsGiveNothing() {
        String longId = "x".repeat(80);
        assertThat(CotChat.messageId(longId)).startsWith("tak-").hasSize(52).isEqualTo(CotChat.messageId(longId));
        assertThat(CotChat.senderId("user with spaces")).startsWith("tak:").hasSize(20);
        assertThat(CotChat.senderId("ANDROID-1")).isEqualTo("ANDROID-1");

        CotEvent atom = CotXml.read(CotStreamDecoderTest.atak("ANDROID-cafe", 11.17, 124.88).getBytes(StandardCharsets.UTF_8)).event();
        // a unit's remarks are not read: markup in them costs it nothing
        CotEvent remarked = CotXml.read(CotStreamDecoderTest.atak("ANDROID-cafe", 11.17, 124.88)
                .replace("</detail>", "<remarks>med kit <b>low</b></remarks></detail>").getBytes(StandardCharsets.UTF_8)).event();
        assertThat(remarked.getLat()).isEqualTo(11.17);
        assertThat(remarked.getDetail().getXmlDetail()).isEmpty();
        assertThat(CotChat.toMessage(atom, NOW)).isEmpty();
        CotEvent empty = CotXml.read(geoChat("   ").getBytes(StandardCharsets.UTF_8)).event();
        assertThat(CotChat.toMessage(empty, NOW)).isEmpty();

        CotEvent broken = atom.toBuilder().setType("b-t-f").setDetail(Detail.newBuilder().setXmlDetail("<remarks>open")).build();
        assertThatThrownBy(() -> CotChat.toMessage(broken, NOW)).isInstanceOf(CotException.class)
                .hasMessageContaining("chat detail is not well-formed");
    }
}
