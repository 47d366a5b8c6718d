package org.rescuemesh.gossip.sim;

import java.util.concurrent.Callable;
import org.rescuemesh.gossip.GossipConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code node-agent.jar simulate …}: the gossip core in virtual time; prints one JSON object. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Run N gossip nodes (the real SWIM + Lifeguard core) in virtual time over an emulated "
                + "network and print one JSON object of figures.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--nodes", required = true, description = "Cluster size (2..100000).")
    int nodes;

    @Option(names = "--profile", defaultValue = "lan", description = "Gossip profile: lan or lora (default ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--loss", defaultValue = "0", description = "i.i.d. datagram loss probability, 0..1 (default ${DEFAULT-VALUE}).")
    double loss;

    @Option(names = "--burst-loss", paramLabel = "G2B:B2G:LOSS",
            description = "Gilbert-Elliott burst loss per receiver: per-datagram chance to turn bad, to recover, "
                    + "and the loss while bad (e.g. 0.01:0.2:0.8).")
    String burstLoss;

    @Option(names = "--asymmetric", paramLabel = "FRACTION:LOSS",
            description = "A fraction of nodes whose outbound datagrams suffer this extra loss (e.g. 0.1:0.5).")
    String asymmetric;

    @Option(names = "--latency-ms", defaultValue = "-1",
            description = "One-way latency in ms (default 2 for lan, 400 for lora).")
    long latencyMs;

    @Option(names = "--jitter-ms", defaultValue = "-1", description = "Uniform extra latency 0..J ms (default latency/2).")
    long jitterMs;

    @Option(names = "--partition", paramLabel = "START_S:DURATION_S[:FRACTION]",
            description = "Split the nodes in two (FRACTION on the second side, default 0.5) at START_S for DURATION_S.")
    String partition;

    @Option(names = "--kill", defaultValue = "0", description = "Nodes to crash, spread over 20..70 %% of the run.")
    int kill;

    @Option(names = "--updates-per-s", defaultValue = "0.2",
            description = "State changes per second cluster-wide, each one timed to 99.9 %% of live members (default ${DEFAULT-VALUE}).")
    double updatesPerS;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duration-s", required = true, description = "Simulated seconds.")
    double durationS;

    @Option(names = "--overhead-bytes", defaultValue = "29",
            description = "Codec bytes per frame (29 = AES-256-GCM sealing; default ${DEFAULT-VALUE}).")
    int overheadBytes;

    @Option(names = "--push-pull-s", defaultValue = "-1",
            description = "Override the profile's base push-pull interval in seconds (0 disables).")
    double pushPullS;

    @Option(names = "--threads", defaultValue = "0",
            description = "Threads handling the nodes (0 = one per available core); the figures do not depend on it.")
    int threads;

    @Override
    public Integer call() {
        try {
            SimScenario scenario = scenario();
            if (threads < 0 || threads > 64) {
                throw new IllegalArgumentException("--threads must be in 0..64 (0 = one per core)");
            }
            int t = threads == 0 ? Math.min(8, Runtime.getRuntime().availableProcessors()) : threads;
            System.out.println(new Simulation(scenario, t).run().toJson());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            return 2;
        }
    }

    SimScenario scenario() {
        GossipConfig config = GossipConfig.profile(profile);
        if (pushPullS >= 0) {
            config = config.withPushPullIntervalMs((long) (pushPullS * 1000));
        }
        double[] burst = burstLoss == null ? new double[] {0, 0, 0} : numbers(burstLoss, 3, 3, "--burst-loss");
        double[] asym = asymmetric == null ? new double[] {0, 0} : numbers(asymmetric, 2, 2, "--asymmetric");
        long partStart = Long.MAX_VALUE;
        long partEnd = Long.MAX_VALUE;
        double partFraction = 0.5;
        if (partition != null) {
            double[] p = numbers(partition, 2, 3, "--partition");
            if (p[0] < 0 || p[1] < 0) {
                throw new IllegalArgumentException("--partition: start and duration must be >= 0");
            }
            partStart = (long) (p[0] * 1000);
            partEnd = partStart + (long) (p[1] * 1000);
            if (p.length == 3) {
                partFraction = p[2];
            }
        }
        long latency = latencyMs >= 0 ? latencyMs : "lora".equals(profile) ? 400 : 2;
        long jitter = jitterMs >= 0 ? jitterMs : latency / 2;
        if (!(durationS > 0) || durationS > 10_000_000) {
            throw new IllegalArgumentException("--duration-s must be in (0, 1e7]");
        }
        return new SimScenario(nodes, profile, config, loss, burst[0], burst[1], burst[2], asym[0], asym[1],
                latency, jitter, partStart, partEnd, partFraction, kill, updatesPerS, seed,
                (long) (durationS * 1000), overheadBytes);
    }

    private static double[] numbers(String text, int min, int max, String option) {
        String[] parts = text.split(":");
        if (parts.length < min || parts.length > max) {
            throw new IllegalArgumentException(option + ": expected " + min + (min == max ? "" : ".." + max)
                    + " numbers separated by ':', got '" + text + "'");
        }
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + parts[i] + "' is not a number");
            }
            if (Double.isNaN(out[i]) || Double.isInfinite(out[i])) {
                throw new IllegalArgumentException(option + ": '" + parts[i] + "' is not a finite number");
            }
        }
        return out;
    }
}
