package org.rescuemesh.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rescuemesh.agent.mesh.LinkMetrics;

class LinkAndAirtimeTest {

    @Test
    void loraAirtimeMatchesTheSemtechFigures() {
        // REFERENCE.md: 200 B at SF7 ≈ 318 ms, SF9 ≈ 1.0 s, SF12 ≈ 7.2 s; 20 B at SF7 ≈ 57 ms
        assertThat(LoraAirtime.millis(200, 7)).isCloseTo(318, within(2.0));
        assertThat(LoraAirtime.millis(200, 9)).isCloseTo(1_000, within(40.0));
        assertThat(LoraAirtime.millis(200, 12)).isCloseTo(7_200, within(100.0));
        assertThat(LoraAirtime.millis(20, 7)).isCloseTo(57, within(2.0));
    }

    @Test
    void dutyCycleBudgetRefusesFramesOnceTheHourlyAllowanceIsSpent() {
        DutyCycleBudget budget = new DutyCycleBudget(10, 7);
        int sent = 0;
        while (budget.allows(200, 0) && sent < 1_000) {
            budget.spend(200, 0);
            sent++;
        }
        // 36 s of airtime per hour at 1 %: about 113 frames of 200 B at SF7
        assertThat(sent).isBetween(110, 115);
        assertThat(budget.allows(200, 0)).isFalse();
        // any hour holds at most the allowance: nothing more until the first frames are an hour old
        assertThat(budget.allows(200, 3_599_999)).isFalse();
        assertThat(budget.allows(200, 3_600_000)).isTrue();
    }

    @Test
    void acksSentOverTheBudgetDelayWhatCanWait() {
        DutyCycleBudget budget = new DutyCycleBudget(10, 7);
        // 110 frames of 200 B over the first half hour (≈ 35 s of airtime), then acks, which are
        // always sent, push the hour over its 36 s
        for (int i = 0; i < 110; i++) {
            budget.spend(200, i * 16_000L);
        }
        for (int i = 0; i < 20; i++) {
            budget.spend(60, 1_800_000);
        }
        assertThat(budget.allows(20, 1_800_001)).as("the hour is over its allowance").isFalse();
        assertThat(budget.allows(200, 3_600_000)).as("only the first frame has aged out").isFalse();
        // once the half hour of frames has aged out, only the acks remain in the window
        assertThat(budget.allows(200, 3_600_000 + 1_760_000)).isTrue();
    }

    @Test
    void deliveryRatiosAndEtxFromPingCounts() {
        LinkEstimator e = new LinkEstimator();
        // the peer pinged us with seq 1..40, we heard every other one
        for (int seq = 1; seq <= 40; seq += 2) {
            e.pingHeard(seq);
        }
        assertThat(e.heardWindow()).isEqualTo(39);
        assertThat(e.heardCount()).isEqualTo(20);
        // the peer heard 30 of our last 40 pings; our probes were acked 3 times in 5
        e.forwardReport(30, 40);
        e.probeResult(true, 20);
        e.probeResult(true, 30);
        e.probeResult(false, 0);
        e.probeResult(true, 20);
        e.probeResult(false, 0);
        e.heard(1234);
        LinkMetrics m = e.metrics();
        assertThat(m.deliveryForward()).isEqualTo(0.75);
        assertThat(m.deliveryReverse()).isCloseTo(20 / 39.0, within(1e-9));
        assertThat(m.etx()).isCloseTo(1 / (0.75 * 20 / 39.0), within(1e-9));
        assertThat(m.loss()).isCloseTo(0.4, within(1e-9));
        assertThat(m.rttMs()).isBetween(20.0, 30.0);
        assertThat(m.lastHeardMs()).isEqualTo(1234);
    }

    @Test
    void restartedPeerCounterResetsTheWindow() {
        LinkEstimator e = new LinkEstimator();
        for (int seq = 500; seq < 600; seq++) {
            e.pingHeard(seq);
        }
        assertThat(e.heardCount()).isEqualTo(64);
        e.pingHeard(1);
        assertThat(e.heardWindow()).isEqualTo(1);
        assertThat(e.heardCount()).isEqualTo(1);
    }

    @Test
    void boundedLinkTableForgetsTheLeastRecentlyHeard() {
        LinkTable t = new LinkTable(64, new java.util.SplittableRandom(1));
        for (int slot = 0; slot < 1_000; slot++) {
            t.heard(slot, slot);
            assertThat(t.peek(slot)).isNotNull();
        }
        assertThat(t.size()).isEqualTo(64);
        int recent = 0;
        for (int slot = 900; slot < 1_000; slot++) {
            if (t.peek(slot) != null) {
                recent++;
            }
        }
        assertThat(recent).isGreaterThan(40);
    }
}
