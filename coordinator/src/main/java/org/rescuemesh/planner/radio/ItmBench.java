package org.rescuemesh.planner.radio;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Micro-benchmark of one ITM point-to-point call at 100, 300 and 1,000-point profiles (the sizes
 * NTIA's figures in REFERENCE.md are given for). Plain timed loops after a warm-up, so it runs
 * without JMH: {@code java -cp coordinator/target/coordinator.jar org.rescuemesh.planner.radio.ItmBench [seconds-per-size]}.
 * Profiles are seeded synthetic hills (30 m spacing) with a mix of line-of-sight, diffraction and
 * troposcatter paths; the bench prints the mode mix so runs are comparable.
 */
public final class ItmBench {
    private static final int PROFILES_PER_SIZE = 256;

    private ItmBench() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        ItmParameters params = ItmParameters.defaults();
        System.out.printf(Locale.ROOT, "ITM point-to-point micro-benchmark (java %s, %d cpus, %.1f s per size)%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), seconds);
        System.out.println("points  spacing_m  wall_ns/call  cpu_ns/call  calls  los/diff/tropo  checksum_db");
        for (int points : new int[] {100, 300, 1000}) {
            run(points, params, Math.min(1.0, seconds / 2)); // warm-up
            run(points, params, seconds);
        }
    }

    private static void run(int points, ItmParameters params, double seconds) {
        double spacing = 30.0;
        double[][] profiles = new double[PROFILES_PER_SIZE][];
        SplittableRandom rnd = new SplittableRandom(7919L * points);
        for (int p = 0; p < PROFILES_PER_SIZE; p++) {
            profiles[p] = syntheticProfile(points, rnd);
        }
        ItmPointToPoint itm = new ItmPointToPoint(params);
        int[] modes = new int[4];
        for (double[] z : profiles) {
            modes[itm.predict(spacing, z, points, 10, 2, 446).mode().code()]++;
        }
        long calls = 0;
        double checksum = 0;
        // thread CPU time as well as wall time: on a shared machine the wall figure includes waiting for a core
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long now;
        do {
            for (int p = 0; p < PROFILES_PER_SIZE; p++) {
                checksum += itm.basicLossDb(spacing, profiles[p], points, 10, 2, 446);
            }
            calls += PROFILES_PER_SIZE;
            now = System.nanoTime();
        } while (now < deadline);
        double ns = (double) (now - start) / calls;
        double cpuNs = (double) (threads.getCurrentThreadCpuTime() - cpuStart) / calls;
        System.out.printf(Locale.ROOT, "%6d  %9.0f  %12.0f  %11.0f  %5d  %d/%d/%d  %.3f%n", points, spacing, ns, cpuNs, calls,
                modes[1], modes[2], modes[3], checksum / calls);
    }

    /** Rolling hills: a few sine octaves with random phases plus noise, 200–600 m elevation. */
    static double[] syntheticProfile(int points, SplittableRandom rnd) {
        double[] z = new double[points];
        double base = 200 + rnd.nextDouble() * 400;
        double[] amp = {120 * rnd.nextDouble(), 60 * rnd.nextDouble(), 20 * rnd.nextDouble()};
        double[] wave = {points / (1 + 2 * rnd.nextDouble()), points / (4 + 6 * rnd.nextDouble()), 7 + 5 * rnd.nextDouble()};
        double[] phase = {rnd.nextDouble() * 6.28, rnd.nextDouble() * 6.28, rnd.nextDouble() * 6.28};
        for (int i = 0; i < points; i++) {
            double h = base;
            for (int k = 0; k < 3; k++) {
                h += amp[k] * Math.sin(2 * Math.PI * i / wave[k] + phase[k]);
            }
            z[i] = h + 3 * rnd.nextDouble();
        }
        return z;
    }
}
