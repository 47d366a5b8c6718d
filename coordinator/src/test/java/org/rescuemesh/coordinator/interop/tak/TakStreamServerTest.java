package org.rescuemesh.coordinator.interop.tak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.interop.CommandPostRest;
import org.rescuemesh.tak.v1.Contact;
import org.rescuemesh.tak.v1.CotEvent;
import org.rescuemesh.tak.v1.Detail;
import org.rescuemesh.tak.v1.TakMessage;

/**
 * A TAK client on a real TCP socket: the coordinator offers protocol 1, takes an XML position,
 * negotiates protocol 1 and takes a protobuf one; both are in the picture as assets of "tak".
 * A malformed event in between is skipped without closing the stream.
 */
class TakStreamServerTest {

    private static final String TOKEN = "tak-test-token";
    private static Coordinator coordinator;

    @BeforeAll
    static void start() throws Exception {
        coordinator = Coordinator.start(new Coordinator.Settings("cp-tak", "127.0.0.1", 0, 0,
                new InetSocketAddress("127.0.0.1", 0), List.of(), "rescuemesh-tak-" + ProcessHandle.current().pid(),
                17100, List.of(), TokenRegistry.single(TOKEN, "test")).withTakPort(0));
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

    private JsonObject node(String id) throws Exception {
        return rest().node(id);
    }

    /**
     * Reads until the text contains {@code marker} and the end of the event it is in (a read may
     * stop in the middle of an event). Bytes are kept one char each (ISO-8859-1), so protobuf frames
     * that follow in the same read survive for a frame decoder.
     */
    private static String readUntil(InputStream in, String marker) throws Exception {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[512];
        int at;
        while ((at = seen.indexOf(marker)) < 0 || seen.indexOf("</event>", at) < 0) {
            int n = in.read(buf);
            assertThat(n).as("stream closed before " + marker + "; got " + seen).isPositive();
            seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        return seen.toString();
    }

    @Test
    void xmlThenProtocolOneFromOneClient() throws Exception {
        assertThat(coordinator.takPort()).isPositive();
        try (Socket socket = new Socket("127.0.0.1", coordinator.takPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            assertThat(readUntil(in, "</event>")).contains("t-x-takp-v").contains("TakProtocolSupport version=\"1\"");

            String now = Instant.now().toString();
            String xml = CotStreamDecoderTest.atak("ANDROID-cafe", 11.17, 124.88)
                    .replace("2026-11-28T10:00:00.500Z", now);
            out.write("<event uid=\"broken\" type=\"a-f-G\" time=\"soon\"><point lat=\"1\" lon=\"2\"/></event>"
                    .getBytes(StandardCharsets.UTF_8));
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> node("ANDROID-cafe") != null);
            JsonObject team = node("ANDROID-cafe");
            assertThat(team.getString("kind")).isEqualTo("asset");
            assertThat(team.getString("name")).isEqualTo("RESCUE-ANDROID-cafe");
            assertThat(team.getDouble("lat")).isEqualTo(11.17);
            assertThat(team.getString("source")).isEqualTo("agency:tak");

            out.write(("<event version=\"2.0\" uid=\"ANDROID-cafe\" type=\"t-x-takp-q\" how=\"m-g\" time=\"" + now
                    + "\" start=\"" + now + "\" stale=\"" + now + "\"><point lat=\"0\" lon=\"0\" hae=\"0\" ce=\"999999\""
                    + " le=\"999999\"/><detail><TakControl><TakRequest version=\"1\"/></TakControl></detail></event>")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(readUntil(in, "TakResponse status=\"true\"")).contains("t-x-takp-r");

            long t = System.currentTimeMillis();
            CotEvent heli = CotEvent.newBuilder().setType("a-f-A-M-H").setUid("rescue-21").setHow("m-g")
                    .setSendTime(t).setStartTime(t).setStaleTime(t + 60_000).setLat(11.25).setLon(124.95).setHae(450)
                    .setCe(10).setLe(CotAssets.UNKNOWN)
                    .setDetail(Detail.newBuilder().setContact(Contact.newBuilder().setCallsign("Rescue 21"))).build();
            out.write(CotStreamDecoder.frame(TakMessage.newBuilder().setCotEvent(heli).build()));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> node("rescue-21") != null);
            assertThat(node("rescue-21").getString("name")).isEqualTo("Rescue 21");
            assertThat(node("rescue-21").getDouble("altM")).isEqualTo(450.0);
        }
    }

    @Test
    void aGeoChatLandsInTheCommandPostsInboxOnce() throws Exception {
        String chat = CotChatTest.geoChat("Bridge at grid 51P is out").replace("2026-11-28T10:00:00.000Z", Instant.now().toString())
                .replace("2026-11-29T10:00:00.000Z", Instant.now().plusSeconds(3600).toString());
        try (Socket socket = new Socket("127.0.0.1", coordinator.takPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(chat.getBytes(StandardCharsets.UTF_8));
            out.write(chat.getBytes(StandardCharsets.UTF_8)); // TAK Servers repeat; ATAK resends unacknowledged chats
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> inboxText().contains("Bridge at grid 51P is out"));
        }
        String inbox = inboxText();
        assertThat(inbox).contains("\"id\":\"tak-ff1bd2a4-9ad2-4a4f-9a8d-0b53d6b1a9f4\"")
                .contains("Medic 1 [All Chat Rooms]: Bridge at grid 51P is out");
        assertThat(inbox.split("Bridge at grid 51P", -1)).hasSize(2);
        // a chat is a message, not a unit: no asset named after the chat's uid
        assertThat(node("ANDROID-589520ccfcd20f01")).isNull();
    }

    @Test
    void theCommandPostsBroadcastReachesTakClientsAsAGeoChat() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", coordinator.takPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            readUntil(in, "t-x-takp-v");
            String id = rest().broadcast("Helicopter lands at the stadium <15:30>").getString("id");
            String seen = readUntil(in, "Helicopter lands");
            String chat = seen.substring(seen.lastIndexOf("<event", seen.indexOf("Helicopter lands")));
            chat = chat.substring(0, chat.indexOf("</event>") + "</event>".length());
            CotEvent e = CotXml.read(chat.getBytes(StandardCharsets.UTF_8)).event();
            assertThat(e.getType()).isEqualTo("b-t-f");
            assertThat(e.getUid()).isEqualTo("GeoChat.cp-tak.All Chat Rooms." + id);
            CotXml.ChatDetail detail = CotXml.readChat(e.getDetail().getXmlDetail());
            assertThat(detail.text()).isEqualTo("Helicopter lands at the stadium <15:30>");
            assertThat(detail.senderCallsign()).isEqualTo("cp-tak");
            assertThat(detail.chatroom()).isEqualTo("All Chat Rooms");
            assertThat(detail.messageId()).isEqualTo(id);

            // a TAK Server sends everything back: the command post's own chat is not taken in
            socket.getOutputStream().write(chat.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            Thread.sleep(500);
            assertThat(inboxText()).doesNotContain("Helicopter lands");
        }
    }

    private String inboxText() throws Exception {
        return rest().inbox().encode();
    }

    @Test
    void thePictureGoesOutToOtherClientsInTheirEncodingButNeverBackToItsSender() throws Exception {
        try (Socket sender = new Socket("127.0.0.1", coordinator.takPort());
             Socket watcher = new Socket("127.0.0.1", coordinator.takPort());
             Socket protoWatcher = new Socket("127.0.0.1", coordinator.takPort())) {
            for (Socket s : List.of(sender, watcher, protoWatcher)) {
                s.setSoTimeout(10_000);
                readUntil(s.getInputStream(), "t-x-takp-v");
            }
            // the third client switches to protocol 1 before anything is sent
            String now = Instant.now().toString();
            protoWatcher.getOutputStream().write(("<event version=\"2.0\" uid=\"watcher-2\" type=\"t-x-takp-q\" how=\"m-g\""
                    + " time=\"" + now + "\" start=\"" + now + "\" stale=\"" + now + "\"><point lat=\"0\" lon=\"0\"/><detail>"
                    + "<TakControl><TakRequest version=\"1\"/></TakControl></detail></event>").getBytes(StandardCharsets.UTF_8));
            String answer = readUntil(protoWatcher.getInputStream(), "TakResponse status=\"true\"");
            int afterAnswer = answer.indexOf("</event>", answer.indexOf("t-x-takp-r")) + "</event>".length();
            CotStreamDecoder frames = new CotStreamDecoder();
            frames.protocolAccepted();
            List<CotEvent> framed = new java.util.ArrayList<>();
            java.util.function.Consumer<byte[]> collect = bytes -> frames.feed(bytes).stream()
                    .filter(i -> i instanceof CotStreamDecoder.Event).map(i -> ((CotStreamDecoder.Event) i).event())
                    .forEach(framed::add);
            collect.accept(answer.substring(afterAnswer).getBytes(StandardCharsets.ISO_8859_1));

            sender.getOutputStream().write(CotStreamDecoderTest.atak("ANDROID-beef", 11.19, 124.87)
                    .replace("2026-11-28T10:00:00.500Z", Instant.now().toString()).getBytes(StandardCharsets.UTF_8));
            sender.getOutputStream().flush();

            String seen = readUntil(watcher.getInputStream(), "uid=\"ANDROID-beef\"");
            assertThat(seen).contains("callsign=\"RESCUE-ANDROID-beef\"");
            // a client relaying everything sends what it got from us back, moved: not taken
            watcher.getOutputStream().write(CotStreamDecoderTest.atak("ANDROID-beef", 11.5, 124.5)
                    .replace("2026-11-28T10:00:00.500Z", Instant.now().plusSeconds(1).toString())
                    .getBytes(StandardCharsets.UTF_8));
            watcher.getOutputStream().flush();
            byte[] buf = new byte[4096];
            while (framed.stream().noneMatch(e -> e.getUid().equals("ANDROID-beef"))) {
                int n = protoWatcher.getInputStream().read(buf);
                assertThat(n).isPositive();
                collect.accept(java.util.Arrays.copyOf(buf, n));
            }
            CotEvent beef = framed.stream().filter(e -> e.getUid().equals("ANDROID-beef")).findFirst().orElseThrow();
            assertThat(beef.getLat()).isEqualTo(11.19);
            assertThat(beef.getDetail().getContact().getCallsign()).isEqualTo("RESCUE-ANDROID-beef");

            // two flushes later the sender still has not been sent its own position, and the echo was not taken
            Thread.sleep(2 * TakStreamServer.FLUSH_MS + 500);
            assertThat(node("ANDROID-beef").getDouble("lat")).isEqualTo(11.19);
            sender.setSoTimeout(200);
            StringBuilder toSender = new StringBuilder();
            try {
                int n;
                while ((n = sender.getInputStream().read(buf)) > 0) {
                    toSender.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (java.net.SocketTimeoutException drained) {
                // nothing more to read
            }
            assertThat(toSender.toString()).doesNotContain("uid=\"ANDROID-beef\"");
        }
    }

    @Test
    void aClientGetsTheWholePictureAgainWhenChangesWereMissed() throws Exception {
        long now = System.currentTimeMillis();
        coordinator.store().putAssets(List.of(org.rescuemesh.proto.v1.NodeState.newBuilder().setNodeId("quiet-boat")
                .setKind(org.rescuemesh.proto.v1.NodeKind.NODE_KIND_ASSET)
                .setUpdatedAt(com.google.protobuf.util.Timestamps.fromMillis(now))
                .setPosition(org.rescuemesh.proto.v1.GeoPosition.newBuilder().setLatDeg(11.2).setLonDeg(124.9)
                        .setObservedAt(com.google.protobuf.util.Timestamps.fromMillis(now))).build()))
                .toCompletableFuture().join();
        try (Socket socket = new Socket("127.0.0.1", coordinator.takPort())) {
            socket.setSoTimeout(10_000);
            // the whole picture on connect, the boat among it
            readUntil(socket.getInputStream(), "uid=\"quiet-boat\"");
            // quiet: the boat does not change again, so nothing of it waits any more
            Thread.sleep(2 * TakStreamServer.FLUSH_MS + 500);
            socket.setSoTimeout(200);
            try {
                while (socket.getInputStream().read(new byte[4096]) > 0) {
                    // drain
                }
            } catch (java.net.SocketTimeoutException drained) {
                // nothing more to read
            }
            socket.setSoTimeout(10_000);
            coordinator.takStream().orElseThrow().missed(5);
            readUntil(socket.getInputStream(), "uid=\"quiet-boat\"");
        }
    }
}
