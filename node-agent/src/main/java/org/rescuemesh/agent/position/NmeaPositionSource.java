package org.rescuemesh.agent.position;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.rescuemesh.proto.v1.GeoPosition;

/**
 * NMEA 0183 from a serial device (e.g. {@code /dev/ttyUSB0}, {@code /dev/ttyACM0}) or a file,
 * read line by line on a daemon thread. The serial line must already be configured (the agent
 * sets no baud rate; e.g. {@code stty -F /dev/ttyUSB0 9600 raw}); USB GNSS receivers usually need
 * nothing. A device that is missing or goes away is reopened with backoff; a regular file is read
 * once to its end.
 */
public final class NmeaPositionSource implements PositionSource {

    private static final System.Logger LOG = System.getLogger(NmeaPositionSource.class.getName());

    private final Path input;
    private final NmeaParser parser;
    private final ReconnectBackoff backoff;
    private final PositionFeed feed = new PositionFeed();
    private volatile boolean running;
    private volatile boolean endOfFile;
    private volatile InputStream current;
    private Thread reader;

    public NmeaPositionSource(Path input, Clock clock) {
        this(input, new NmeaParser(clock), ReconnectBackoff.standard());
    }

    public NmeaPositionSource(Path input, NmeaParser parser, ReconnectBackoff backoff) {
        this.input = input;
        this.parser = parser;
        this.backoff = backoff;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        endOfFile = false;
        reader = new Thread(this::readLoop, "nmea-" + input.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        closeQuietly(current);
        if (reader != null) {
            reader.interrupt();
            reader = null;
        }
    }

    private void readLoop() {
        String lastProblem = null;
        while (running) {
            try (InputStream in = Files.newInputStream(input)) {
                current = in;
                if (lastProblem != null) {
                    LOG.log(System.Logger.Level.INFO, "NMEA input {0} is readable again", input);
                    lastProblem = null;
                }
                BoundedLineReader lines = new BoundedLineReader(in, NmeaParser.MAX_SENTENCE_CHARS);
                String line;
                while (running && (line = lines.readLine()) != null) {
                    Optional<GeoPosition> fix = parser.parse(line);
                    if (fix.isPresent()) {
                        backoff.reset();
                        feed.publish(fix.get());
                    }
                }
                if (Files.isRegularFile(input)) {
                    LOG.log(System.Logger.Level.INFO, "NMEA file {0} read to its end: {1}", input, parser.counts());
                    endOfFile = true;
                    return;
                }
                lastProblem = "end of input";
                LOG.log(System.Logger.Level.WARNING, "NMEA device {0} closed; reopening", input);
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (!problem.equals(lastProblem)) {
                    LOG.log(System.Logger.Level.WARNING, "cannot read NMEA input {0} ({1}); retrying with backoff",
                            input, problem);
                    lastProblem = problem;
                }
            } finally {
                current = null;
            }
            if (!sleep(backoff.nextDelay())) {
                return;
            }
        }
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

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // Closing only to unblock the reader; nothing to do.
            }
        }
    }

    /** True once a regular file has been read to its end. */
    public boolean reachedEndOfFile() {
        return endOfFile;
    }

    public NmeaCounts counts() {
        return parser.counts();
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
        return "nmea " + input;
    }
}
