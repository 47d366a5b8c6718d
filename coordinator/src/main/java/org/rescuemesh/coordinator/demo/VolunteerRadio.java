package org.rescuemesh.coordinator.demo;

import com.google.protobuf.ByteString;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.rescuemesh.coordinator.interop.meshtastic.RadioStreamDecoder;
import org.rescuemesh.meshtastic.v2.Data;
import org.rescuemesh.meshtastic.v2.FromRadio;
import org.rescuemesh.meshtastic.v2.MeshPacket;
import org.rescuemesh.meshtastic.v2.MyNodeInfo;
import org.rescuemesh.meshtastic.v2.NodeInfo;
import org.rescuemesh.meshtastic.v2.PortNum;
import org.rescuemesh.meshtastic.v2.Position;
import org.rescuemesh.meshtastic.v2.Role;
import org.rescuemesh.meshtastic.v2.ToRadio;
import org.rescuemesh.meshtastic.v2.User;

/**
 * The demo's stand-in for a Meshtastic radio at the command post, through which a volunteer team
 * carrying Meshtastic handhelds (and a router they left on a hill) shows up: it speaks the radio's
 * client API on loopback (the same framing and messages as a real radio's TCP port), sends its
 * node database when asked, then the volunteers' positions as they walk the western edge of the
 * search area and now and then a text. What the command post broadcasts it just counts.
 */
public final class VolunteerRadio implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VolunteerRadio.class.getName());
    static final int OWN_NODE = 0x0c0ffee0;
    static final int ROUTER = 0x0c0ffe10;
    static final long REPORT_MS = 5_000;
    static final long TEXT_EVERY_MS = 60_000;
    private static final String[] TEXTS = {
        "searching the riverbank north of the bridge, nothing so far",
        "road to the school blocked by a landslide, going around",
        "found one person, walking wounded, bringing them to the command post",
        "battery low on two radios, swapping",
    };
    /** The volunteers: node number, long and short name. */
    private static final List<User> VOLUNTEERS = List.of(
            User.newBuilder().setId("!0c0ffe01").setLongName("Red Cross 1").setShortName("RC1").build(),
            User.newBuilder().setId("!0c0ffe02").setLongName("Red Cross 2").setShortName("RC2").build(),
            User.newBuilder().setId("!0c0ffe03").setLongName("Red Cross 3").setShortName("RC3").build());

    private final Vertx vertx;
    private final SearchArea area;
    private final long t0 = System.currentTimeMillis();
    private final Set<NetSocket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong heardFromCommandPost = new AtomicLong();
    private final NetServer server;
    private final long reportTimer;
    private final long textTimer;
    private final AtomicInteger packetId = new AtomicInteger(1);
    private final AtomicInteger nextText = new AtomicInteger();

    private VolunteerRadio(Vertx vertx, SearchArea area) {
        this.vertx = vertx;
        this.area = area;
        this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
                .connectHandler(this::serve).listen().await();
        this.reportTimer = vertx.setPeriodic(REPORT_MS, id -> clients.forEach(c -> reportPositions(c, System.currentTimeMillis())));
        this.textTimer = vertx.setPeriodic(TEXT_EVERY_MS, id -> clients.forEach(this::sendText));
    }

    /** Listens on a free loopback port (see {@link #port}). */
    public static VolunteerRadio start(Vertx vertx, SearchArea area) {
        return new VolunteerRadio(vertx, area);
    }

    public int port() {
        return server.actualPort();
    }

    private void serve(NetSocket socket) {
        RadioStreamDecoder<ToRadio> decoder = new RadioStreamDecoder<>(ToRadio.parser());
        socket.handler(chunk -> {
            for (RadioStreamDecoder.Item item : decoder.feed(chunk.getBytes())) {
                if (item instanceof RadioStreamDecoder.Message<?> m && m.message() instanceof ToRadio to) {
                    if (to.hasWantConfigId()) {
                        sendNodeDatabase(socket, to.getWantConfigId());
                        clients.add(socket);
                    } else if (to.hasPacket() && to.getPacket().getDecoded().getPortnum() == PortNum.TEXT_MESSAGE_APP) {
                        heardFromCommandPost.incrementAndGet();
                        LOG.fine(() -> "volunteer radio: the command post says "
                                + to.getPacket().getDecoded().getPayload().toStringUtf8());
                    }
                }
            }
        });
        socket.closeHandler(v -> clients.remove(socket));
    }

    private void sendNodeDatabase(NetSocket socket, int configId) {
        long now = System.currentTimeMillis();
        int nowS = (int) (now / 1000);
        write(socket, FromRadio.newBuilder().setMyInfo(MyNodeInfo.newBuilder().setMyNodeNum(OWN_NODE)).build());
        write(socket, FromRadio.newBuilder().setNodeInfo(NodeInfo.newBuilder().setNum(ROUTER).setLastHeard(nowS - 300)
                .setUser(User.newBuilder().setId("!0c0ffe10").setLongName("Hilltop Router").setShortName("HR")
                        .setRole(Role.ROUTER))
                .setPosition(fix(area.north() - 0.02, area.west() + 0.015).setAltitude(420))).build());
        for (int k = 0; k < VOLUNTEERS.size(); k++) {
            write(socket, FromRadio.newBuilder().setNodeInfo(NodeInfo.newBuilder().setNum(volunteer(k))
                    .setUser(VOLUNTEERS.get(k)).setLastHeard(nowS - 60).setPosition(walker(k, now - 60_000))).build());
        }
        write(socket, FromRadio.newBuilder().setConfigCompleteId(configId).build());
    }

    private void reportPositions(NetSocket socket, long now) {
        for (int k = 0; k < VOLUNTEERS.size(); k++) {
            write(socket, packet(volunteer(k), PortNum.POSITION_APP, walker(k, now).build().toByteString(), now));
        }
    }

    private void sendText(NetSocket socket) {
        int n = nextText.getAndIncrement();
        int k = n % VOLUNTEERS.size();
        String text = TEXTS[n % TEXTS.length];
        write(socket, packet(volunteer(k), PortNum.TEXT_MESSAGE_APP, ByteString.copyFrom(text, StandardCharsets.UTF_8),
                System.currentTimeMillis()));
    }

    /** Volunteer k walks north and south along the western edge at 1.2 m/s, 300 m from the next. */
    Position.Builder walker(int k, long now) {
        double t = (now - t0) / 1000.0;
        double span = area.north() - area.south();
        double phase = ((t * 1.2 / 111_320) / span + 0.15 * k) % 2.0;
        double frac = phase < 1 ? phase : 2 - phase;
        return fix(area.south() + frac * span, area.west() + 0.004 + 0.003 * k)
                .setGroundSpeed(4) // km/h, as the firmware reports it
                .setGroundTrack(phase < 1 ? 0 : 18_000_000)
                .setGpsAccuracy(3_000).setHDOP(120);
    }

    private static Position.Builder fix(double lat, double lon) {
        return Position.newBuilder().setLatitudeI((int) Math.round(lat * 1e7)).setLongitudeI((int) Math.round(lon * 1e7));
    }

    private static int volunteer(int k) {
        return Integer.parseUnsignedInt(VOLUNTEERS.get(k).getId().substring(1), 16);
    }

    private FromRadio packet(int from, PortNum port, ByteString payload, long now) {
        return FromRadio.newBuilder().setPacket(MeshPacket.newBuilder().setFrom(from).setTo(0xffffffff).setId(packetId.getAndIncrement())
                .setRxTime((int) (now / 1000)).setRxSnr(6.5f).setRxRssi(-95).setHopLimit(3).setHopStart(3)
                .setDecoded(Data.newBuilder().setPortnum(port).setPayload(payload))).build();
    }

    private static void write(NetSocket socket, FromRadio message) {
        socket.write(Buffer.buffer(RadioStreamDecoder.frame(message)));
    }

    /** Texts of the command post the radio put on the air. */
    public long heardFromCommandPost() {
        return heardFromCommandPost.get();
    }

    @Override
    public void close() {
        vertx.cancelTimer(reportTimer);
        vertx.cancelTimer(textTimer);
        server.close();
    }
}
