package org.rescuemesh.agent.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.GeoPosition;

class SimulatedWalkerTest {

    private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
    private static final GeoBox BOX = new GeoBox(47.30, 8.45, 47.33, 8.50); // ≈ 3.3 km × 3.8 km

    /** Great-circle distance on the walker's sphere. */
    private static double metres(GeoPosition a, GeoPosition b) {
        double r = 6_371_008.8;
        double dLat = Math.toRadians(b.getLatDeg() - a.getLatDeg());
        double dLon = Math.toRadians(b.getLonDeg() - a.getLonDeg());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.getLatDeg()))
                * Math.cos(Math.toRadians(b.getLatDeg())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }

    @Test
    void sameSeedSamePathWhateverTheQueryCadence() {
        SimulatedWalker everySecond = new SimulatedWalker(7, BOX, START);
        SimulatedWalker jumping = new SimulatedWalker(7, BOX, START);
        for (int s = 0; s <= 3600; s++) {
            everySecond.positionAt(START.plusSeconds(s));
        }
        Instant t = START.plusSeconds(3600);
        assertThat(jumping.positionAt(t)).isEqualTo(everySecond.positionAt(t));
        // Asking about the past replays from the seed.
        assertThat(jumping.positionAt(START.plusSeconds(10))).isEqualTo(new SimulatedWalker(7, BOX, START)
                .positionAt(START.plusSeconds(10)));
        assertThat(new SimulatedWalker(8, BOX, START).positionAt(t)).isNotEqualTo(everySecond.positionAt(t));
    }

    @Test
    void walksAtWalkingPaceAndNeverLeavesTheBoxOverASixHourShift() {
        SimulatedWalker walker = new SimulatedWalker(42, BOX, START);
        GeoPosition previous = walker.positionAt(START);
        double distance = 0;
        int paused = 0;
        for (int s = 1; s <= 6 * 3600; s++) {
            GeoPosition now = walker.positionAt(START.plusSeconds(s));
            assertThat(BOX.contains(now.getLatDeg(), now.getLonDeg())).isTrue();
            double step = metres(previous, now);
            // 1.8 m/s cap, plus the walker's flat local projection vs. the sphere here (< 0.1 %).
            assertThat(step).isLessThanOrEqualTo(1.8 * 1.001);
            if (now.getSpeedMps() == 0) {
                assertThat(step).isZero();
            }
            assertThat(now.getSpeedMps()).isBetween(0.0, 1.8);
            if (now.getSpeedMps() == 0) {
                paused++;
            }
            distance += step;
            previous = now;
        }
        double meanSpeed = distance / (6 * 3600);
        assertThat(meanSpeed).isBetween(0.8, 1.5);
        assertThat(paused).isPositive();
    }

    @Test
    void headingAgreesWithTheDirectionOfTravel() {
        SimulatedWalker walker = new SimulatedWalker(3, new GeoBox(47.0, 8.0, 47.5, 8.6), START);
        int agree = 0;
        int moving = 0;
        GeoPosition previous = walker.positionAt(START);
        for (int s = 1; s <= 600; s++) {
            GeoPosition now = walker.positionAt(START.plusSeconds(s));
            if (now.getSpeedMps() > 0) {
                moving++;
                double north = now.getLatDeg() - previous.getLatDeg();
                double east = (now.getLonDeg() - previous.getLonDeg()) * Math.cos(Math.toRadians(47.25));
                double bearing = (Math.toDegrees(Math.atan2(east, north)) + 360) % 360;
                double diff = Math.abs(bearing - now.getHeadingDeg()) % 360;
                if (Math.min(diff, 360 - diff) < 1.0) {
                    agree++;
                }
            }
            previous = now;
        }
        assertThat(agree).isEqualTo(moving);
    }

    @Test
    void sourcePublishesOnASharedScheduler() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Clock clock = Clock.fixed(START.plusSeconds(120), ZoneOffset.UTC);
            WalkerPositionSource source = new WalkerPositionSource(new SimulatedWalker(1, BOX, START), clock,
                    scheduler, Duration.ofMillis(20));
            List<GeoPosition> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            source.addListener(heard::add);
            source.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() >= 3);
            source.stop();
            assertThat(source.latest()).contains(new SimulatedWalker(1, BOX, START).positionAt(START.plusSeconds(120)));
            assertThat(new ArrayList<>(heard)).allMatch(p -> p.getSource().equals("simulated"));
        } finally {
            scheduler.shutdownNow();
        }
    }
}
