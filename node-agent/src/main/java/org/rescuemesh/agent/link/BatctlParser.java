package org.rescuemesh.agent.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the neighbour ({@code batctl n}) and originator ({@code batctl o}) tables of batctl, for
 * both routing algorithms (BATMAN_IV: TQ 0..255; BATMAN_V: throughput in Mbit/s), the netlink
 * layout of batctl ≥ 2019 and the older debugfs layout. Run batctl with {@code -n} so addresses
 * are not replaced by bat-hosts names (names are accepted too, as opaque peer keys).
 */
public final class BatctlParser {

    private static final String ADDRESS = "([0-9A-Za-z][\\w:.-]*)";
    private static final String SECONDS = "(\\d{1,9}\\.\\d{1,3})s";
    /** BATMAN_IV: "IF Neighbor last-seen". */
    private static final Pattern NEIGHBOUR_IV = Pattern.compile("^\\s*(\\S+)\\s+" + ADDRESS + "\\s+" + SECONDS + "\\s*$");
    /** BATMAN_V: "Neighbor last-seen ( throughput) [ IF]". */
    private static final Pattern NEIGHBOUR_V = Pattern.compile(
            "^\\s*" + ADDRESS + "\\s+" + SECONDS + "\\s+\\(\\s*(\\d{1,9}(?:\\.\\d{1,3})?)\\)\\s+\\[\\s*([^\\]\\s]+)\\s*\\]\\s*$");
    /** Both algorithms: "[*] Originator last-seen (metric) Nexthop [ IF]" and an optional debugfs tail. */
    private static final Pattern ORIGINATOR = Pattern.compile("^\\s*(\\*)?\\s*" + ADDRESS + "\\s+" + SECONDS
            + "\\s+\\(\\s*(\\d{1,9}(?:\\.\\d{1,3})?)\\)\\s+" + ADDRESS + "\\s+\\[\\s*([^\\]\\s]+)\\s*\\](?::.*)?\\s*$");

    private BatctlParser() {
    }

    public static LinkParse<BatmanNeighbour> neighbours(String output) {
        List<BatmanNeighbour> rows = new ArrayList<>();
        int skipped = 0;
        for (String line : output.split("\r?\n")) {
            if (isHeaderOrBlank(line)) {
                continue;
            }
            Matcher v = NEIGHBOUR_V.matcher(line);
            Matcher iv = NEIGHBOUR_IV.matcher(line);
            if (v.matches()) {
                rows.add(new BatmanNeighbour(v.group(4), v.group(1), seconds(v.group(2)),
                        OptionalDouble.of(Double.parseDouble(v.group(3)) * 1000)));
            } else if (iv.matches()) {
                rows.add(new BatmanNeighbour(iv.group(1), iv.group(2), seconds(iv.group(3)), OptionalDouble.empty()));
            } else {
                skipped++;
            }
        }
        return new LinkParse<>(rows, skipped);
    }

    public static LinkParse<BatmanOriginator> originators(String output) {
        List<BatmanOriginator> rows = new ArrayList<>();
        int skipped = 0;
        boolean batmanV = output.contains("BATMAN_V") || output.contains("( throughput)");
        boolean legacyLayout = output.contains("Potential nexthops");
        for (String line : output.split("\r?\n")) {
            if (isHeaderOrBlank(line)) {
                continue;
            }
            Matcher m = ORIGINATOR.matcher(line);
            if (!m.matches()) {
                skipped++;
                continue;
            }
            String metric = m.group(4);
            OptionalInt tq = OptionalInt.empty();
            OptionalDouble throughput = OptionalDouble.empty();
            if (batmanV || metric.contains(".")) {
                throughput = OptionalDouble.of(Double.parseDouble(metric) * 1000);
            } else {
                int value = Integer.parseInt(metric);
                if (value > 255) {
                    skipped++;
                    continue;
                }
                tq = OptionalInt.of(value);
            }
            boolean selected = m.group(1) != null || legacyLayout;
            rows.add(new BatmanOriginator(m.group(2).toLowerCase(java.util.Locale.ROOT), seconds(m.group(3)), tq,
                    throughput, m.group(5).toLowerCase(java.util.Locale.ROOT), m.group(6), selected));
        }
        return new LinkParse<>(rows, skipped);
    }

    /**
     * Direct links from an originator table: rows whose next hop is the originator itself; when
     * a neighbour is reachable directly on several interfaces, the best metric wins.
     */
    public static List<LinkSample> directLinks(List<BatmanOriginator> originators) {
        java.util.Map<String, BatmanOriginator> best = new java.util.LinkedHashMap<>();
        for (BatmanOriginator o : originators) {
            if (!o.isDirect()) {
                continue;
            }
            best.merge(o.originator(), o, (a, b) -> metric(b) > metric(a) ? b : a);
        }
        return best.values().stream().map(BatmanOriginator::toSample).toList();
    }

    private static double metric(BatmanOriginator o) {
        return o.tq().isPresent() ? o.tq().getAsInt() : o.throughputKbps().orElse(0);
    }

    private static boolean isHeaderOrBlank(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("[B.A.T.M.A.N.") || t.startsWith("IF ") || t.startsWith("Neighbor")
                || t.startsWith("Originator") || t.startsWith("No batman nodes in range");
    }

    private static Duration seconds(String text) {
        int dot = text.indexOf('.');
        long secs = Long.parseLong(text.substring(0, dot));
        String frac = (text.substring(dot + 1) + "00").substring(0, 3);
        return Duration.ofSeconds(secs).plusMillis(Integer.parseInt(frac));
    }
}
