package org.rescuemesh.agent.position;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.rescuemesh.proto.v1.GeoPosition;

/**
 * A searcher walking a search area: a correlated random walk at walking pace (speed reverting to
 * 1.3 m/s, heading wandering ±15° per second, now and then a pause of 5–60 s to search a spot),
 * reflecting off the edges of the box. Advanced in fixed one-second steps from {@code start}, so
 * the position at a given instant depends only on seed, box and start — not on how often or in
 * what order it is asked. Metres are mapped to degrees on a local sphere, plenty for search areas
 * of tens of kilometres.
 */
public final class SimulatedWalker {

    public static final String SOURCE = "simulated";

    private static final double EARTH_RADIUS_M = 6_371_008.8;
    private static final double MEAN_SPEED_MPS = 1.3;
    private static final double STEP_S = 1.0;
    private static final double PAUSE_PROBABILITY_PER_STEP = 0.01;
    private static final double ACCURACY_M = 5.0;

    private final long seed;
    private final GeoBox box;
    private final Instant start;
    private final double metresPerDegLat;
    private final double metresPerDegLon;
    private final double widthM;
    private final double heightM;

    private SplittableRandom random;
    private long steps;
    private double x;
    private double y;
    private double headingRad;
    private double speedMps;
    private int pauseSteps;
    private boolean movedLastStep;

    public SimulatedWalker(long seed, GeoBox box, Instant start) {
        this.seed = seed;
        this.box = box;
        this.start = start;
        this.metresPerDegLat = Math.PI * EARTH_RADIUS_M / 180.0;
        double midLat = Math.toRadians((box.southDeg() + box.northDeg()) / 2);
        this.metresPerDegLon = metresPerDegLat * Math.cos(midLat);
        this.widthM = (box.eastDeg() - box.westDeg()) * metresPerDegLon;
        this.heightM = (box.northDeg() - box.southDeg()) * metresPerDegLat;
        reset();
    }

    private void reset() {
        random = new SplittableRandom(seed);
        steps = 0;
        x = random.nextDouble() * widthM;
        y = random.nextDouble() * heightM;
        headingRad = random.nextDouble() * 2 * Math.PI;
        speedMps = MEAN_SPEED_MPS;
        pauseSteps = 0;
        movedLastStep = false;
    }

    /** Position at {@code t}; instants before {@code start} give the starting point. */
    public synchronized GeoPosition positionAt(Instant t) {
        long target = Math.max(0, Duration.between(start, t).getSeconds());
        if (target < steps) {
            reset(); // asked about the past: replay from the seed
        }
        while (steps < target) {
            step();
        }
        double lat = box.southDeg() + y / metresPerDegLat;
        double lon = box.westDeg() + x / metresPerDegLon;
        boolean moving = movedLastStep;
        return GeoPosition.newBuilder()
                .setLatDeg(Math.min(box.northDeg(), Math.max(box.southDeg(), lat)))
                .setLonDeg(Math.min(box.eastDeg(), Math.max(box.westDeg(), lon)))
                .setAccuracyM(ACCURACY_M)
                .setSpeedMps(moving ? speedMps : 0)
                .setHeadingDeg(GeoPositions.normaliseHeading(Math.toDegrees(headingRad)))
                .setObservedAt(GeoPositions.timestamp(start.plusSeconds(steps)))
                .setSource(SOURCE)
                .build();
    }

    private void step() {
        steps++;
        movedLastStep = false;
        if (pauseSteps > 0) {
            pauseSteps--;
            return;
        }
        if (random.nextDouble() < PAUSE_PROBABILITY_PER_STEP) {
            pauseSteps = 4 + random.nextInt(56); // this step plus 4..59 more: 5-60 s standing still
            return;
        }
        movedLastStep = true;
        headingRad += Math.toRadians(15) * gaussian();
        speedMps += 0.2 * (MEAN_SPEED_MPS - speedMps) + 0.1 * gaussian();
        speedMps = Math.min(1.8, Math.max(0.6, speedMps));
        // Heading is clockwise from north: east is sin, north is cos.
        x += speedMps * STEP_S * Math.sin(headingRad);
        y += speedMps * STEP_S * Math.cos(headingRad);
        if (x < 0 || x > widthM) {
            x = x < 0 ? -x : 2 * widthM - x;
            x = Math.min(widthM, Math.max(0, x));
            headingRad = -headingRad;
        }
        if (y < 0 || y > heightM) {
            y = y < 0 ? -y : 2 * heightM - y;
            y = Math.min(heightM, Math.max(0, y));
            headingRad = Math.PI - headingRad;
        }
        headingRad = headingRad % (2 * Math.PI);
    }

    /** Standard normal from two uniforms (Box–Muller), so the sequence is fixed by the seed alone. */
    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    public GeoBox box() {
        return box;
    }
}
