package org.rescuemesh.gossip.sim;

import org.rescuemesh.gossip.GossipConfig;

/**
 * One simulated run.
 *
 * @param nodes              cluster size (all nodes start converged: everyone knows everyone)
 * @param profileName        name of the gossip profile (for the report)
 * @param config             the protocol tunables every node runs
 * @param loss               i.i.d. loss probability per datagram
 * @param burstGoodToBad     Gilbert–Elliott: per-datagram chance the receiver turns bad (0 = no bursts)
 * @param burstBadToGood     Gilbert–Elliott: per-datagram chance a bad receiver recovers
 * @param burstLossBad       loss probability while bad
 * @param asymmetricFraction fraction of nodes whose outbound datagrams suffer extra loss
 * @param asymmetricLoss     that extra outbound loss
 * @param latencyMs          one-way base latency
 * @param jitterMs           uniform extra latency 0..jitter
 * @param partitionStartMs   when the network splits in two (Long.MAX_VALUE: never)
 * @param partitionEndMs     when it heals
 * @param partitionFraction  fraction of nodes on the second side
 * @param kills              nodes killed (crash, no leave), spread over the run
 * @param updatesPerS        state changes per second cluster-wide (convergence probes)
 * @param seed               seed of every random choice
 * @param durationMs         simulated time
 * @param overheadBytes      codec bytes per frame (29 for AES-GCM sealing)
 */
public record SimScenario(int nodes, String profileName, GossipConfig config, double loss,
                          double burstGoodToBad, double burstBadToGood, double burstLossBad,
                          double asymmetricFraction, double asymmetricLoss,
                          long latencyMs, long jitterMs,
                          long partitionStartMs, long partitionEndMs, double partitionFraction,
                          int kills, double updatesPerS, long seed, long durationMs, int overheadBytes) {

    public SimScenario {
        check(nodes >= 2, "--nodes must be >= 2");
        check(nodes <= 100_000, "--nodes must be <= 100000");
        check(prob(loss), "--loss must be in [0, 1)");
        check(prob(burstGoodToBad) && burstBadToGood >= 0 && burstBadToGood <= 1 && burstLossBad >= 0 && burstLossBad <= 1,
                "--burst-loss probabilities must be in [0, 1]");
        check(burstGoodToBad == 0 || burstBadToGood > 0, "--burst-loss: bad-to-good must be > 0");
        check(asymmetricFraction >= 0 && asymmetricFraction <= 1 && prob(asymmetricLoss),
                "--asymmetric fraction in [0, 1], loss in [0, 1)");
        check(latencyMs >= 0 && jitterMs >= 0, "--latency-ms and --jitter-ms must be >= 0");
        check(partitionEndMs >= partitionStartMs, "--partition: duration must be >= 0");
        check(partitionFraction > 0 && partitionFraction < 1, "--partition fraction must be in (0, 1)");
        check(kills >= 0 && kills < nodes, "--kill must be in [0, nodes)");
        check(updatesPerS >= 0, "--updates-per-s must be >= 0");
        check(durationMs > 0, "--duration-s must be > 0");
        check(overheadBytes >= 0, "--overhead-bytes must be >= 0");
    }

    private static boolean prob(double p) {
        return p >= 0 && p < 1;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    boolean burstEnabled() {
        return burstGoodToBad > 0;
    }
}
