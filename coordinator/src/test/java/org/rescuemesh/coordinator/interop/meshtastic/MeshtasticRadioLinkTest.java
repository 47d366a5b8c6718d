package org.rescuemesh.coordinator.interop.meshtastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.interop.CommandPostRest;
import org.rescuemesh.meshtastic.v2.FromRadio;
import org.rescuemesh.meshtastic.v2.MyNodeInfo;
import org.rescuemesh.meshtastic.v2.NodeInfo;
import org.rescuemesh.meshtastic.v2.PortNum;
import org.rescuemesh.meshtastic.v2.ToRadio;
import org.rescuemesh.meshtastic.v2.User;

/**
 * A radio's client API on a real TCP socket (played by the test, speaking the device's framing):
 * the coordinator asks for the node database, stores the positions in it and the ones heard
 * afterwards and a text message in the command post's inbox, skips junk, and reconnects when the
 * radio drops the connection.
 */
class MeshtasticRadioLinkTest {

    private static final String TOKEN = "meshtastic-test-token";
    private static Coordinator coordinator;

    @BeforeAll
    static void start() throws Exception {
        coordinator = Coordinator.start(new Coordinator.Settings("cp-mesh", "127.0.0.1", 0, 0,
                new InetSocketAddress("127.0.0.1", 0), List.of(), "rescuemesh-mt-" + ProcessHandle.current().pid(),
                17300, List.of(), TokenRegistry.single(TOKEN, "test")));
    }

    @AfterAll
    static void stop() {
        if (coordinator != null) {
            coordinator.close();
        }
    }

    private static CommandPostRest rest;

    /** One client for the class's coordinator (its port is known once it started). */
    private static CommandPostRest rest() {
        if (rest == null) {
            rest = new CommandPostRest(coordinator.httpPort(), TOKEN);
        }
        return rest;
    }

    /** Reads one framed ToRadio as the radio would. */
    private static ToRadio readToRadio(InputStream in) throws Exception {
        DataInputStream d = new DataInputStream(in);
        assertThat(d.readUnsignedByte()).isEqualTo(0x94);
        assertThat(d.readUnsignedByte()).isEqualTo(0xC3);
        byte[] body = new byte[d.readUnsignedShort()];
        d.readFully(body);
        return ToRadio.parseFrom(body);
    }

    @Test
    void nodeDatabaseAndLivePositionsBecomeAssetsAcrossAReconnect() throws Exception {
        long now = System.currentTimeMillis();
        int nowS = (int) (now / 1000);
        try (ServerSocket radio = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            radio.setSoTimeout(20_000);
            MeshtasticRadioLink link = coordinator.connectMeshtastic("127.0.0.1", radio.getLocalPort());
            try (Socket client = radio.accept()) {
                client.setSoTimeout(10_000);
                ToRadio want = readToRadio(client.getInputStream());
                assertThat(want.hasWantConfigId()).isTrue();
                assertThat(want.getWantConfigId()).isNotZero();
                OutputStream out = client.getOutputStream();
                out.write("INFO | booting\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write(RadioStreamDecoderTest.framed(FromRadio.newBuilder()
                        .setMyInfo(MyNodeInfo.newBuilder().setMyNodeNum(0x11)).build()));
                out.write(RadioStreamDecoderTest.framed(FromRadio.newBuilder().setNodeInfo(NodeInfo.newBuilder()
                        .setNum(0x00c0ffee).setUser(User.newBuilder().setLongName("Medic Alpha").setShortName("MA"))
                        .setPosition(MeshtasticPositionsTest.fix(11.2431, 124.9987)).setLastHeard(nowS - 60)).build()));
                out.write(new byte[] {(byte) 0x94, (byte) 0xC3, 0, 2, (byte) 0xff, (byte) 0xff}); // unreadable frame
                out.write(RadioStreamDecoderTest.framed(FromRadio.newBuilder().setConfigCompleteId(want.getWantConfigId()).build()));
                out.write(RadioStreamDecoderTest.framed(MeshtasticPositionsTest.packet(0x00c0ffee, PortNum.POSITION_APP,
                        MeshtasticPositionsTest.fix(11.2500, 125.0100).build().toByteString(), nowS)));
                out.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    JsonObject n = rest().node("meshtastic:00c0ffee");
                    return n != null && n.getDouble("lat") == 11.25;
                });
                JsonObject medic = rest().node("meshtastic:00c0ffee");
                assertThat(medic.getString("name")).isEqualTo("Medic Alpha (MA)");
                assertThat(medic.getString("kind")).isEqualTo("asset");
                assertThat(medic.getString("source")).isEqualTo("agency:meshtastic");
                assertThat(medic.getDouble("lon")).isEqualTo(125.01);
                assertThat(link.counts().accepted()).isEqualTo(2);
                assertThat(link.counts().rejected()).isEqualTo(1);

                FromRadio sos = MeshtasticPositionsTest.packet(0x00c0ffee, PortNum.TEXT_MESSAGE_APP,
                        com.google.protobuf.ByteString.copyFromUtf8("SOS two injured at the bridge"), nowS);
                out.write(RadioStreamDecoderTest.framed(sos.toBuilder().setPacket(sos.getPacket().toBuilder().setId(0x77)).build()));
                out.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> rest().inbox().size() == 1);
                JsonObject message = rest().inbox().getJsonObject(0);
                assertThat(message.getString("id")).isEqualTo("meshtastic-00c0ffee-00000077");
                assertThat(message.getString("text")).isEqualTo("Medic Alpha (MA): SOS two injured at the bridge");
                assertThat(message.encode()).contains("sos").contains("11.25");
                assertThat(link.counts().texts()).isEqualTo(1);

                // the command post speaks to everyone: it goes out on the radio's primary channel
                rest().broadcast("All teams: return to the school by 18:00");
                ToRadio said = readToRadio(client.getInputStream());
                assertThat(said.getPacket().getTo()).isEqualTo(0xffffffff);
                assertThat(said.getPacket().getDecoded().getPortnum()).isEqualTo(PortNum.TEXT_MESSAGE_APP);
                assertThat(said.getPacket().getDecoded().getPayload().toStringUtf8()).isEqualTo("All teams: return to the school by 18:00");
                await().atMost(Duration.ofSeconds(5)).until(() -> link.counts().textsSent() == 1);

                String metrics = rest().get("/metrics");
                String radioLabel = "radio=\"127.0.0.1:" + radio.getLocalPort() + "\"";
                assertThat(metrics).containsPattern("rescuemesh_gateway_positions_total\\{network=\"meshtastic\","
                        + radioLabel + "\\} 2\\.0")
                        .containsPattern("rescuemesh_gateway_meshtastic_connected\\{" + radioLabel + "\\} 1\\.0")
                        .containsPattern("rescuemesh_gateway_messages_total\\{direction=\"out\",network=\"meshtastic\","
                                + radioLabel + "\\} 1\\.0");
            } // the radio drops the connection (reboot, out of Wi-Fi range)

            try (Socket again = radio.accept()) {
                again.setSoTimeout(10_000);
                ToRadio want = readToRadio(again.getInputStream());
                assertThat(want.hasWantConfigId()).isTrue();
                again.getOutputStream().write(RadioStreamDecoderTest.framed(MeshtasticPositionsTest.packet(0x0000beef,
                        PortNum.POSITION_APP, MeshtasticPositionsTest.fix(11.30, 124.90).build().toByteString(), nowS)));
                again.getOutputStream().flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> rest().node("meshtastic:0000beef") != null);
                assertThat(rest().node("meshtastic:0000beef").getString("name")).isEqualTo("!0000beef");
                assertThat(link.counts().connects()).isEqualTo(2);
                assertThat(link.counts().connected()).isTrue();
            }
            link.close();
        }
    }

    @Test
    void aLongTextIsCutToOnePacketAtACharacterBoundary() {
        String text = "Evakuierung über die Brücke ".repeat(12); // ü is two bytes
        byte[] cut = MeshtasticRadioLink.fitToPacket(text);
        assertThat(cut.length).isLessThanOrEqualTo(MeshtasticRadioLink.MAX_TEXT_BYTES);
        String back = new String(cut, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(back).endsWith("…").doesNotContain("\uFFFD");
        assertThat(text).startsWith(back.substring(0, back.length() - 1));
        assertThat(MeshtasticRadioLink.fitToPacket("short")).isEqualTo("short".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void radioAddressesAreParsedWithTheDefaultPortAndBadOnesNamed() {
        assertThat(MeshtasticRadioLink.parseRadios("meshtastic.local, 10.0.0.5:4404,[fe80::1]"))
                .extracting(a -> a.getHostString() + " " + a.getPort())
                .containsExactly("meshtastic.local 4403", "10.0.0.5 4404", "fe80:0:0:0:0:0:0:1 4403");
        assertThat(MeshtasticRadioLink.parseRadios("10.0.0.5, 10.0.0.5:4403")).hasSize(1);
        assertThat(MeshtasticRadioLink.parseRadios("")).isEmpty();
        assertThat(MeshtasticRadioLink.parseRadios(null)).isEmpty();
        assertThatThrownBy(() -> MeshtasticRadioLink.parseRadios("10.0.0.5:0")).hasMessage("--meshtastic: '10.0.0.5:0': a radio's port cannot be 0");
        assertThatThrownBy(() -> MeshtasticRadioLink.parseRadios("10.0.0.5:radio")).hasMessage("--meshtastic: '10.0.0.5:radio': port is not a number");
    }
}
