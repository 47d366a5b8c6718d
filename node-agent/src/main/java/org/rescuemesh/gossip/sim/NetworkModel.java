package org.rescuemesh.gossip.sim;

import java.util.SplittableRandom;

/**
 * The emulated network: per-datagram i.i.d. loss, Gilbert–Elliott burst loss per receiver,
 * extra outbound loss on a fraction of "asymmetric" nodes, one-way latency with uniform jitter,
 * and a two-way partition during a time window. Stream (TCP) transfers are never lost, only
 * delayed, and are cut by partitions like everything else.
 */
final class NetworkModel {

    private final SimScenario scenario;
    private final SplittableRandom random;
    private final boolean[] burstBad;
    private final boolean[] asymmetric;
    private final boolean[] sideB;

    NetworkModel(SimScenario scenario, SplittableRandom random) {
        this.scenario = scenario;
        this.random = random;
        int n = scenario.nodes();
        this.burstBad = new boolean[n];
        this.asymmetric = new boolean[n];
        this.sideB = new boolean[n];
        for (int i = 0; i < n; i++) {
            asymmetric[i] = random.nextDouble() < scenario.asymmetricFraction();
            sideB[i] = random.nextDouble() < scenario.partitionFraction();
        }
    }

    boolean partitioned(int a, int b, long nowMs) {
        return nowMs >= scenario.partitionStartMs() && nowMs < scenario.partitionEndMs() && sideB[a] != sideB[b];
    }

    boolean partitionActive(long nowMs) {
        return nowMs >= scenario.partitionStartMs() && nowMs < scenario.partitionEndMs();
    }

    /** Whether a datagram from {@code a} to {@code b} is lost. */
    boolean lost(int a, int b) {
        double loss = scenario.loss();
        if (asymmetric[a]) {
            loss = 1 - (1 - loss) * (1 - scenario.asymmetricLoss());
        }
        if (scenario.burstEnabled()) {
            // advance the receiver's two-state chain once per datagram it would receive
            if (burstBad[b]) {
                if (random.nextDouble() < scenario.burstBadToGood()) {
                    burstBad[b] = false;
                }
            } else if (random.nextDouble() < scenario.burstGoodToBad()) {
                burstBad[b] = true;
            }
            if (burstBad[b]) {
                loss = 1 - (1 - loss) * (1 - scenario.burstLossBad());
            }
        }
        return loss > 0 && random.nextDouble() < loss;
    }

    long latencyMs() {
        long base = scenario.latencyMs();
        long jitter = scenario.jitterMs();
        return jitter == 0 ? base : base + random.nextLong(jitter + 1);
    }
}
