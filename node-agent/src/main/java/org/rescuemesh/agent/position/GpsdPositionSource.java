package org.rescuemesh.agent.position;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.rescuemesh.proto.v1.GeoPosition;

/**
 * Positions from gpsd over its JSON protocol (TCP, default port 2947): connects, sends
 * {@code ?WATCH={"enable":true,"json":true}}, and turns TPV reports into fixes. A refused
 * connection, a dropped one, or silence longer than the read timeout leads to a reconnect with
 * exponential backoff; problems are logged once per change, never thrown.
 */
public final class GpsdPositionSource implements PositionSource {

    public static final int DEFAULT_PORT = 2947;
    public static final String WATCH_COMMAND = "?WATCH={\"enable\":true,\"json\":true}\n";
    /** gpsd lines are at most a few KiB (SKY with many satellites). */
    static final int MAX_LINE_CHARS = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(GpsdPositionSource.class.getName());
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final String host;
    private final int port;
    private final GpsdReportParser parser;
    private final ReconnectBackoff backoff;
    private final Duration readTimeout;
    private final PositionFeed feed = new PositionFeed();
    private volatile boolean running;
    private volatile Socket socket;
    private volatile long connections;
    private Thread reader;

    public GpsdPositionSource(String host, int port, Clock clock) {
        this(host, port, new GpsdReportParser(clock), ReconnectBackoff.standard(), Duration.ofSeconds(30));
    }

    /**
     * @param readTimeout silence after which the connection is considered dead and reopened
     *                    (gpsd reports at least every second while a receiver is attached)
     */
    public GpsdPositionSource(String host, int port, GpsdReportParser parser, ReconnectBackoff backoff,
                              Duration readTimeout) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("gpsd port " + port + " is not a TCP port");
        }
        this.host = host;
        this.port = port;
        this.parser = parser;
        this.backoff = backoff;
        this.readTimeout = readTimeout;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        reader = new Thread(this::connectLoop, "gpsd-" + host + ":" + port);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing only to unblock the reader.
            }
        }
        if (reader != null) {
            reader.interrupt();
            reader = null;
        }
    }

    private void connectLoop() {
        String lastProblem = null;
        while (running) {
            try (Socket s = new Socket()) {
                socket = s;
                s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
                s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
                connections++;
                OutputStream out = s.getOutputStream();
                out.write(WATCH_COMMAND.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (lastProblem != null) {
                    LOG.log(System.Logger.Level.INFO, "connected to gpsd at {0}:{1}", host, String.valueOf(port));
                    lastProblem = null;
                }
                BoundedLineReader lines = new BoundedLineReader(s.getInputStream(), MAX_LINE_CHARS);
                String line;
                while (running && (line = lines.readLine()) != null) {
                    backoff.reset();
                    Optional<GeoPosition> fix = parser.parse(line);
                    fix.ifPresent(feed::publish);
                }
                if (running) {
                    lastProblem = note(lastProblem, "connection closed by gpsd");
                }
            } catch (SocketTimeoutException e) {
                lastProblem = note(lastProblem, "no report for " + readTimeout.toSeconds() + " s");
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                lastProblem = note(lastProblem, e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                socket = null;
            }
            if (!running || !sleep(backoff.nextDelay())) {
                return;
            }
        }
    }

    private String note(String lastProblem, String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.log(System.Logger.Level.WARNING, "gpsd at {0}:{1}: {2}; reconnecting with backoff",
                    host, String.valueOf(port), problem);
        }
        return problem;
    }

    private boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public GpsdCounts counts() {
        return parser.counts();
    }

    /** Successful TCP connections so far (reconnects included). */
    public long connections() {
        return connections;
    }

    @Override
    public Optional<GeoPosition> latest() {
        return feed.latest();
    }

    @Override
    public void addListener(PositionListener listener) {
        feed.addListener(listener);
    }

    @Override
    public String describe() {
        return "gpsd " + host + ":" + port;
    }
}
