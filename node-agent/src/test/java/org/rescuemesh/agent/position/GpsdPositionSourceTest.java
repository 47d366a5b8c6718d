package org.rescuemesh.agent.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;

/** Against a tiny gpsd stand-in on a real loopback TCP socket. */
class GpsdPositionSourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:30Z"), ZoneOffset.UTC);

    private static final String VERSION = "{\"class\":\"VERSION\",\"release\":\"3.25\",\"rev\":\"3.25\",\"proto_major\":3,\"proto_minor\":15}";
    private static final String DEVICES = "{\"class\":\"DEVICES\",\"devices\":[{\"class\":\"DEVICE\",\"path\":\"/dev/ttyACM0\",\"driver\":\"u-blox\",\"activated\":\"2026-11-28T11:59:01.000Z\",\"flags\":1,\"native\":1,\"bps\":9600,\"parity\":\"N\",\"stopbits\":1,\"cycle\":1.00}]}";
    private static final String WATCH = "{\"class\":\"WATCH\",\"enable\":true,\"json\":true,\"nmea\":false,\"raw\":0,\"scaled\":false,\"timing\":false,\"split24\":false,\"pps\":false}";
    private static final String TPV_NO_FIX = "{\"class\":\"TPV\",\"device\":\"/dev/ttyACM0\",\"mode\":1}";
    private static final String SKY = "{\"class\":\"SKY\",\"device\":\"/dev/ttyACM0\",\"hdop\":0.95,\"nSat\":14,\"uSat\":9}";
    private static final String TPV_3D = "{\"class\":\"TPV\",\"device\":\"/dev/ttyACM0\",\"status\":2,\"mode\":3,"
            + "\"time\":\"2026-11-28T12:00:05.000Z\",\"ept\":0.005,\"lat\":47.376912345,\"lon\":8.541698765,"
            + "\"altHAE\":456.312,\"altMSL\":408.312,\"alt\":408.312,\"epx\":2.714,\"epy\":3.102,\"epv\":5.9,"
            + "\"track\":212.4,\"speed\":1.287,\"climb\":0.01,\"eph\":3.6,\"sep\":6.1}";
    private static final String TPV_2D = "{\"class\":\"TPV\",\"device\":\"/dev/ttyACM0\",\"mode\":2,"
            + "\"time\":\"2026-11-28T12:00:06.000Z\",\"lat\":47.3769,\"lon\":8.5417,\"altHAE\":999,\"epx\":4.0,\"epy\":3.0}";

    @Test
    void sendsWatchParsesTpvAndReconnectsAfterGpsdDropsTheConnection() throws Exception {
        List<String> commands = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread gpsd = new Thread(() -> {
                try {
                    // First session: the usual greeting, garbage, one 3D fix, then gpsd goes away.
                    serve(server, commands, VERSION, DEVICES, WATCH, TPV_NO_FIX, "not json {", SKY, TPV_3D);
                    // Second session after the client reconnects: a 2D fix.
                    serve(server, commands, VERSION, TPV_2D);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "fake-gpsd");
            gpsd.setDaemon(true);
            gpsd.start();

            GpsdPositionSource source = new GpsdPositionSource("127.0.0.1", server.getLocalPort(),
                    new GpsdReportParser(CLOCK), new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)),
                    Duration.ofSeconds(10));
            List<GeoPosition> fixes = new CopyOnWriteArrayList<>();
            source.addListener(fixes::add);
            source.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> fixes.size() == 2);
            } finally {
                source.stop();
            }

            assertThat(commands).containsExactly(GpsdPositionSource.WATCH_COMMAND.strip(),
                    GpsdPositionSource.WATCH_COMMAND.strip());
            assertThat(source.connections()).isEqualTo(2);
            GeoPosition fix3d = fixes.get(0);
            assertThat(fix3d.getLatDeg()).isEqualTo(47.376912345);
            assertThat(fix3d.getLonDeg()).isEqualTo(8.541698765);
            assertThat(fix3d.getAltKnown()).isTrue();
            assertThat(fix3d.getAltM()).isEqualTo(456.312);
            assertThat(fix3d.getAccuracyM()).isEqualTo(3.6);
            assertThat(fix3d.getSpeedMps()).isEqualTo(1.287);
            assertThat(fix3d.getHeadingDeg()).isEqualTo(212.4);
            assertThat(fix3d.getSource()).isEqualTo("gpsd");
            assertThat(fix3d.getObservedAt().getSeconds())
                    .isEqualTo(Instant.parse("2026-11-28T12:00:05Z").getEpochSecond());
            GeoPosition fix2d = fixes.get(1);
            assertThat(fix2d.getAltKnown()).as("no height from a 2D fix").isFalse();
            assertThat(fix2d.getAccuracyM()).isCloseTo(4.0, within(1e-12));
            assertThat(source.counts()).isEqualTo(new GpsdCounts(2, 1, 5, 1));
        }
    }

    @Test
    void nobodyListeningIsRetriedQuietlyAndStopEndsIt() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        GpsdPositionSource source = new GpsdPositionSource("127.0.0.1", port, new GpsdReportParser(CLOCK),
                new ReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(50)), Duration.ofSeconds(5));
        source.start();
        Thread.sleep(200);
        source.stop();
        assertThat(source.latest()).isEmpty();
        assertThat(source.connections()).isZero();
    }

    private static void serve(ServerSocket server, List<String> commands, String... lines) throws Exception {
        try (Socket client = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            out.write((lines[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
            commands.add(in.readLine());
            for (int i = 1; i < lines.length; i++) {
                out.write((lines[i] + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            // Wait for the client to read everything before closing, as gpsd would keep streaming.
            Thread.sleep(100);
        }
    }
}
