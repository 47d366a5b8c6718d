package org.rescuemesh.agent.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code iw dev IF station dump}: one {@code Station MAC (on IF)} line per peer followed by
 * tab-indented {@code key: value} lines. Unknown keys are ignored (iw adds some every release);
 * values that do not parse leave their field empty and count as skipped.
 */
public final class IwStationDumpParser {

    private static final Pattern STATION = Pattern.compile("^Station\\s+([0-9A-Fa-f:]{17})\\s+\\(on\\s+([^)\\s]+)\\)\\s*$");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern RATE = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s*([KMG])Bit/s", Pattern.CASE_INSENSITIVE);
    private static final Pattern MBPS = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s*Mbps");

    private IwStationDumpParser() {
    }

    public static LinkParse<WifiStation> parse(String output) {
        List<WifiStation> stations = new ArrayList<>();
        Builder current = null;
        int skipped = 0;
        for (String line : output.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher station = STATION.matcher(line);
            if (station.matches()) {
                if (current != null) {
                    stations.add(current.build());
                }
                current = new Builder(station.group(1).toLowerCase(java.util.Locale.ROOT), station.group(2));
                continue;
            }
            int colon = line.indexOf(':');
            if (current == null || colon < 0 || !Character.isWhitespace(line.charAt(0))) {
                skipped++;
                continue;
            }
            if (!current.accept(line.substring(0, colon).strip(), line.substring(colon + 1))) {
                skipped++;
            }
        }
        if (current != null) {
            stations.add(current.build());
        }
        return new LinkParse<>(stations, skipped);
    }

    private static final class Builder {
        private final String address;
        private final String interfaceName;
        private Optional<Duration> inactive = Optional.empty();
        private OptionalDouble signal = OptionalDouble.empty();
        private OptionalDouble signalAvg = OptionalDouble.empty();
        private OptionalDouble txRate = OptionalDouble.empty();
        private OptionalDouble rxRate = OptionalDouble.empty();
        private OptionalDouble expected = OptionalDouble.empty();
        private OptionalLong txPackets = OptionalLong.empty();
        private OptionalLong txRetries = OptionalLong.empty();
        private OptionalLong txFailed = OptionalLong.empty();

        Builder(String address, String interfaceName) {
            this.address = address;
            this.interfaceName = interfaceName;
        }

        /** @return false when a key we use has a value we cannot read */
        boolean accept(String key, String value) {
            switch (key) {
                case "inactive time" -> {
                    OptionalDouble ms = number(value);
                    if (ms.isEmpty() || !value.strip().endsWith("ms")) {
                        return false;
                    }
                    inactive = Optional.of(Duration.ofMillis((long) ms.getAsDouble()));
                }
                case "signal" -> {
                    OptionalDouble dbm = dbm(value);
                    if (dbm == null) {
                        return false;
                    }
                    signal = dbm;
                }
                case "signal avg" -> {
                    OptionalDouble dbm = dbm(value);
                    if (dbm == null) {
                        return false;
                    }
                    signalAvg = dbm;
                }
                case "tx bitrate" -> {
                    txRate = rateKbps(value);
                    return txRate.isPresent();
                }
                case "rx bitrate" -> {
                    rxRate = rateKbps(value);
                    return rxRate.isPresent();
                }
                case "expected throughput" -> {
                    Matcher m = MBPS.matcher(value);
                    if (!m.find()) {
                        return false;
                    }
                    expected = OptionalDouble.of(Double.parseDouble(m.group(1)) * 1000);
                }
                case "tx packets" -> {
                    txPackets = count(value);
                    return txPackets.isPresent();
                }
                case "tx retries" -> {
                    txRetries = count(value);
                    return txRetries.isPresent();
                }
                case "tx failed" -> {
                    txFailed = count(value);
                    return txFailed.isPresent();
                }
                default -> {
                    // Keys we do not use.
                }
            }
            return true;
        }

        /** "-58 [-60, -61] dBm" or "-67 dBm"; 0 or above means the driver has no reading. */
        private static OptionalDouble dbm(String value) {
            OptionalDouble n = number(value);
            if (n.isEmpty() || !value.contains("dBm")) {
                return null;
            }
            return n.getAsDouble() >= 0 ? OptionalDouble.empty() : n;
        }

        private static OptionalDouble number(String value) {
            Matcher m = LEADING_NUMBER.matcher(value);
            return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
        }

        private static OptionalLong count(String value) {
            String v = value.strip();
            if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(v));
        }

        /** "65.0 MBit/s MCS 7", "866.7 MBit/s VHT-MCS 9 …", "1.0 MBit/s". */
        private static OptionalDouble rateKbps(String value) {
            Matcher m = RATE.matcher(value);
            if (!m.find()) {
                return OptionalDouble.empty();
            }
            double n = Double.parseDouble(m.group(1));
            double factor = switch (Character.toUpperCase(m.group(2).charAt(0))) {
                case 'K' -> 1;
                case 'M' -> 1_000;
                default -> 1_000_000;
            };
            return OptionalDouble.of(n * factor);
        }

        WifiStation build() {
            return new WifiStation(address, interfaceName, inactive, signal, signalAvg, txRate, rxRate, expected,
                    txPackets, txRetries, txFailed);
        }
    }
}
