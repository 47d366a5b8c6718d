package org.rescuemesh.coordinator.demo;

import com.google.protobuf.util.Timestamps;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.rescuemesh.proto.v1.GeoPosition;

/**
 * A searcher on foot: a seeded correlated random walk at 0.5–1.5 m/s that turns back at the
 * edge of the search area. Deterministic for a seed and the times it is asked at.
 */
final class Walker implements Supplier<GeoPosition> {

    private static final double M_PER_DEG_LAT = 111_320;

    private final SearchArea area;
    private final SplittableRandom random;
    private double lat;
    private double lon;
    private double headingDeg;
    private double speedMps;
    private long lastMs;

    Walker(SearchArea area, double startLat, double startLon, long seed, long nowMs) {
        this.area = area;
        this.random = new SplittableRandom(seed);
        this.lat = startLat;
        this.lon = startLon;
        this.headingDeg = random.nextDouble(360);
        this.speedMps = 0.5 + random.nextDouble();
        this.lastMs = nowMs;
    }

    @Override
    public synchronized GeoPosition get() {
        long now = System.currentTimeMillis();
        step(now);
        return GeoPosition.newBuilder().setLatDeg(lat).setLonDeg(lon).setAccuracyM(4 + random.nextDouble(6))
                .setSpeedMps(speedMps).setHeadingDeg(headingDeg)
                .setObservedAt(Timestamps.fromMillis(now)).setSource("simulated").build();
    }

    private void step(long now) {
        double dt = Math.max(0, (now - lastMs) / 1000.0);
        lastMs = now;
        headingDeg = (headingDeg + random.nextDouble(-20, 20) + 360) % 360;
        double d = speedMps * dt;
        double nlat = lat + d * Math.cos(Math.toRadians(headingDeg)) / M_PER_DEG_LAT;
        double nlon = lon + d * Math.sin(Math.toRadians(headingDeg)) / (M_PER_DEG_LAT * Math.cos(Math.toRadians(lat)));
        if (!area.contains(nlat, nlon)) {
            headingDeg = (headingDeg + 180) % 360;
            return;
        }
        lat = nlat;
        lon = nlon;
    }
}
