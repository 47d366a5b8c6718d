package org.rescuemesh.agent.position;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.rescuemesh.proto.v1.GeoPosition;

/**
 * gpsd JSON reports (one object per line) to positions; only TPV reports with mode 2 or 3
 * produce a fix. Height is taken from {@code altHAE} (ellipsoid height, gpsd ≥ 3.20); the older
 * {@code alt} is mean-sea-level and is not used. Accuracy is {@code eph} when present, else the
 * larger of {@code epx}/{@code epy}. No I/O here; nothing throws on input.
 */
public final class GpsdReportParser {

    public static final String SOURCE = "gpsd";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock;
    private final AtomicLong fixes = new AtomicLong();
    private final AtomicLong noFix = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();

    public GpsdReportParser(Clock clock) {
        this.clock = clock;
    }

    public GpsdCounts counts() {
        return new GpsdCounts(fixes.get(), noFix.get(), other.get(), bad.get());
    }

    public Optional<GeoPosition> parse(String line) {
        JsonNode report;
        try {
            report = mapper.readTree(line);
        } catch (JsonProcessingException | RuntimeException e) {
            bad.incrementAndGet();
            return Optional.empty();
        }
        if (report == null || !report.isObject()) {
            bad.incrementAndGet();
            return Optional.empty();
        }
        if (!"TPV".equals(report.path("class").asText(""))) {
            other.incrementAndGet();
            return Optional.empty();
        }
        int mode = report.path("mode").isInt() ? report.path("mode").asInt() : 0;
        if (mode < 2) {
            noFix.incrementAndGet();
            return Optional.empty();
        }
        JsonNode lat = report.get("lat");
        JsonNode lon = report.get("lon");
        if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()
                || !GeoPositions.validLatLon(lat.asDouble(), lon.asDouble())) {
            bad.incrementAndGet();
            return Optional.empty();
        }
        Instant observed = clock.instant();
        JsonNode time = report.get("time");
        if (time != null && time.isTextual()) {
            try {
                observed = Instant.parse(time.asText());
            } catch (DateTimeParseException e) {
                bad.incrementAndGet();
                return Optional.empty();
            }
        }
        GeoPosition.Builder fix = GeoPosition.newBuilder()
                .setLatDeg(lat.asDouble())
                .setLonDeg(lon.asDouble())
                .setObservedAt(GeoPositions.timestamp(observed))
                .setSource(SOURCE);
        finite(report, "altHAE").filter(alt -> mode == 3).ifPresent(alt -> fix.setAltM(alt).setAltKnown(true));
        Optional<Double> eph = finite(report, "eph");
        if (eph.isPresent()) {
            fix.setAccuracyM(Math.max(0, eph.get()));
        } else {
            Optional<Double> epx = finite(report, "epx");
            Optional<Double> epy = finite(report, "epy");
            if (epx.isPresent() && epy.isPresent()) {
                fix.setAccuracyM(Math.max(0, Math.max(epx.get(), epy.get())));
            }
        }
        finite(report, "speed").filter(v -> v >= 0).ifPresent(fix::setSpeedMps);
        finite(report, "track").ifPresent(track -> fix.setHeadingDeg(GeoPositions.normaliseHeading(track)));
        fixes.incrementAndGet();
        return Optional.of(fix.build());
    }

    private static Optional<Double> finite(JsonNode report, String field) {
        JsonNode node = report.get(field);
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            return Optional.empty();
        }
        return Optional.of(node.asDouble());
    }
}
