package org.rescuemesh.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DirectProbeFailureTest {

    @Test
    void firstRoundsAreAveragedSoALossyNetworkShowsAtOnce() {
        DirectProbeFailure f = new DirectProbeFailure();
        assertThat(f.rate()).isZero();
        f.record(false);
        // one unanswered round of one: a node that just joined a lossy network knows it now
        // (an EWMA from 0 with gain 1/20 would say 0.05 and take ~20 rounds to pass 0.3)
        assertThat(f.rate()).isEqualTo(1.0);
        f.record(true);
        f.record(true);
        f.record(false);
        assertThat(f.rate()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void afterTheWarmUpItIsAnEwmaWithGainOneTwentieth() {
        DirectProbeFailure f = new DirectProbeFailure();
        for (int i = 0; i < DirectProbeFailure.WARM_UP; i++) {
            f.record(i % 4 != 0); // a quarter unanswered
        }
        assertThat(f.rate()).isCloseTo(0.25, within(1e-12));
        f.record(false);
        assertThat(f.rate()).isCloseTo(0.25 + (1 - 0.25) / 20, within(1e-12));
        for (int i = 0; i < 400; i++) {
            f.record(true);
        }
        assertThat(f.rate()).isLessThan(1e-8);
    }

    @Test
    void decisionsAssumeALossyNetworkUntilTheWarmUpIsOver() {
        DirectProbeFailure f = new DirectProbeFailure();
        assertThat(f.forDecisions()).isEqualTo(1.0);
        for (int i = 0; i < DirectProbeFailure.WARM_UP - 1; i++) {
            f.record(true);
            // every ping so far answered, but a few rounds prove little: stay cautious
            assertThat(f.forDecisions()).isEqualTo(1.0);
        }
        assertThat(f.rate()).isZero();
        f.record(true);
        assertThat(f.forDecisions()).isZero();
        f.record(false);
        assertThat(f.forDecisions()).isEqualTo(f.rate()).isCloseTo(1.0 / 20, within(1e-12));
    }
}
