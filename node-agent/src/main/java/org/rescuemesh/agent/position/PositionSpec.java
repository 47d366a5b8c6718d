package org.rescuemesh.agent.position;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code --position} setting of an agent, parsed. Forms:
 * <ul>
 *   <li>{@code static:LAT,LON} or {@code static:LAT,LON,ALT_M} — surveyed position (ALT_M above the ellipsoid)</li>
 *   <li>{@code gpsd}, {@code gpsd:HOST} or {@code gpsd:HOST:PORT} — gpsd JSON (default 127.0.0.1:2947)</li>
 *   <li>{@code nmea:PATH} — NMEA 0183 from a serial device or file</li>
 *   <li>{@code walk:SEED:SOUTH,WEST,NORTH,EAST} — simulated searcher inside the box (demo)</li>
 * </ul>
 */
public record PositionSpec(String kind, String argument) {

    public static final Duration WALKER_REPORT_INTERVAL = Duration.ofSeconds(1);

    /** @throws IllegalArgumentException with a message naming the accepted forms */
    public static PositionSpec parse(String text) {
        String spec = text == null ? "" : text.strip();
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? "" : spec.substring(colon + 1);
        PositionSpec parsed = new PositionSpec(kind, argument);
        // Validate eagerly so a bad flag fails at startup with this message, not later.
        switch (kind) {
            case "static" -> parsed.staticValues();
            case "gpsd" -> parsed.gpsdPort();
            case "nmea" -> {
                if (argument.isEmpty()) {
                    throw usage(text, "nmea needs a device or file path");
                }
            }
            case "walk" -> parsed.walkerBox();
            default -> throw usage(text, "unknown position source '" + kind + "'");
        }
        return parsed;
    }

    /** Builds the source; the scheduler is only used by the simulated walker. */
    public PositionSource open(Clock clock, ScheduledExecutorService scheduler) {
        return switch (kind) {
            case "static" -> {
                double[] v = staticValues();
                yield new StaticPositionSource(v[0], v[1], v.length > 2 ? OptionalDouble.of(v[2]) : OptionalDouble.empty(),
                        0, clock);
            }
            case "gpsd" -> new GpsdPositionSource(gpsdHost(), gpsdPort(), clock);
            case "nmea" -> new NmeaPositionSource(Path.of(argument), clock);
            case "walk" -> new WalkerPositionSource(new SimulatedWalker(walkerSeed(), walkerBox(), clock.instant()),
                    clock, scheduler, WALKER_REPORT_INTERVAL);
            default -> throw new IllegalStateException("unreachable: " + kind);
        };
    }

    private double[] staticValues() {
        String[] parts = argument.split(",");
        if (parts.length < 2 || parts.length > 3) {
            throw usage(kind + ":" + argument, "static needs LAT,LON or LAT,LON,ALT_M");
        }
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw usage(kind + ":" + argument, "'" + parts[i] + "' is not a number");
            }
        }
        if (!GeoPositions.validLatLon(values[0], values[1])) {
            throw usage(kind + ":" + argument, "latitude must be -90..90 and longitude -180..180");
        }
        return values;
    }

    private String gpsdHost() {
        if (argument.isEmpty()) {
            return "127.0.0.1";
        }
        int colon = argument.lastIndexOf(':');
        return colon < 0 ? argument : argument.substring(0, colon);
    }

    private int gpsdPort() {
        int colon = argument.lastIndexOf(':');
        if (colon < 0) {
            return GpsdPositionSource.DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(argument.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw usage(kind + ":" + argument, "gpsd port must be 1..65535");
        }
    }

    private long walkerSeed() {
        int colon = argument.indexOf(':');
        try {
            return Long.parseLong(colon < 0 ? argument : argument.substring(0, colon));
        } catch (NumberFormatException e) {
            throw usage(kind + ":" + argument, "walk needs SEED:SOUTH,WEST,NORTH,EAST with an integer seed");
        }
    }

    private GeoBox walkerBox() {
        walkerSeed();
        int colon = argument.indexOf(':');
        if (colon < 0) {
            throw usage(kind + ":" + argument, "walk needs SEED:SOUTH,WEST,NORTH,EAST");
        }
        try {
            return GeoBox.parse(argument.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw usage(kind + ":" + argument, e.getMessage());
        }
    }

    private static IllegalArgumentException usage(String spec, String problem) {
        return new IllegalArgumentException("--position '" + spec + "': " + problem
                + " (forms: static:LAT,LON[,ALT_M] | gpsd[:HOST[:PORT]] | nmea:PATH | walk:SEED:S,W,N,E)");
    }
}
