package org.rescuemesh.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rescuemesh.gossip.GossipConfig;

class SimulationTest {

    private static SimScenario scenario(int nodes, double loss, int kills, long durationS,
                                        long partitionStartS, long partitionS, long seed) {
        return new SimScenario(nodes, "lan", GossipConfig.lan(), loss, 0, 0, 0, 0, 0, 2, 1,
                partitionStartS < 0 ? Long.MAX_VALUE : partitionStartS * 1000,
                partitionStartS < 0 ? Long.MAX_VALUE : (partitionStartS + partitionS) * 1000, 0.5,
                kills, 0.5, seed, durationS * 1000, 29);
    }

    @Test
    void twoHundredNodesAtFivePercentLossConvergeDetectAndKeepLiveMembers() {
        SimReport r = new Simulation(scenario(200, 0.05, 4, 240, -1, 0, 11)).run();
        assertThat(r.updatesMeasured()).isGreaterThan(50);
        assertThat(r.updatesUnconverged()).isZero();
        // Serf's model at n = 200 gives ~8 rounds to 99.9 %: allow 1.5×
        assertThat(r.convergenceRoundsP50()).isLessThan(12);
        assertThat(r.killsUndetected()).isZero();
        // Lifeguard at n = 200: min suspicion 9.2 s, max 55 s
        assertThat(r.detectionSMedian()).isBetween(5.0, 30.0);
        assertThat(r.falseDead()).isZero();
        assertThat(r.maxFrameBytes()).isLessThanOrEqualTo(1_200);
        assertThat(r.bytesPerNodePerS()).isLessThan(2_048);
    }

    @Test
    void partitionedHalvesMergeAgainAfterTheHeal() {
        SimReport r = new Simulation(scenario(60, 0, 0, 300, 30, 90, 12)).run();
        assertThat(r.partitionHealS()).isFinite().isLessThan(120);
    }

    @Test
    void sameSeedSameFigures() {
        SimReport a = new Simulation(scenario(50, 0.1, 2, 60, -1, 0, 13)).run();
        SimReport b = new Simulation(scenario(50, 0.1, 2, 60, -1, 0, 13)).run();
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(a.datagramsLost()).isEqualTo(b.datagramsLost());
        assertThat(a.detectionSMedian()).isEqualTo(b.detectionSMedian());
    }

    @Test
    void anyThreadCountGivesTheSameFigures() {
        SimScenario lossy = scenario(300, 0.2, 3, 40, -1, 0, 21);
        String one = withoutTimes(new Simulation(lossy, 1).run().toJson());
        // every batch handed to the helpers, however small
        String two = withoutTimes(new Simulation(lossy, 2, 1).run().toJson());
        String three = withoutTimes(new Simulation(lossy, 3, 1).run().toJson());
        assertThat(one).contains("\"kills\":3");
        assertThat(two).isEqualTo(one);
        assertThat(three).isEqualTo(one);
    }

    private static String withoutTimes(String json) {
        return json.replaceAll("\"(wall_s|cpu_s|setup_s)\":[^,}]*,?", "");
    }
}
