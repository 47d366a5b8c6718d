package org.rescuemesh.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuspicionTimerTest {

    private final GossipConfig lan = GossipConfig.lan();

    @Test
    void boundsMatchLifeguardFiguresForTheLanProfile() {
        // REFERENCE.md, α = 4, β = 6, 1 s probes: n = 100 → 8/48 s; 1k → 12/72 s; 10k → 16/96 s
        int[] sizes = {100, 1_000, 10_000};
        long[] mins = {8_000, 12_000, 16_000};
        for (int i = 0; i < sizes.length; i++) {
            SuspicionTimer t = new SuspicionTimer(1, 0, "a", sizes[i], lan, 0);
            assertThat(t.minMs()).as("min at n=%d", sizes[i]).isEqualTo(mins[i]);
            assertThat(t.maxMs()).as("max at n=%d", sizes[i]).isEqualTo(6 * mins[i]);
            assertThat(t.deadlineMs()).as("no confirmation yet: max").isEqualTo(6 * mins[i]);
        }
        // below 10 members log10 n < 1 still gives α·interval
        assertThat(SuspicionTimer.minTimeoutMs(lan, 3)).isEqualTo(4_000);
    }

    @Test
    void independentConfirmationsShrinkTheTimeoutLogarithmically() {
        SuspicionTimer t = new SuspicionTimer(7, 3, "origin", 1_000, lan, 10_000);
        // K = α − 2 = 2 confirmations wanted
        assertThat(t.confirm("origin")).as("the accuser is not a confirmation").isFalse();
        assertThat(t.confirm("b")).isTrue();
        assertThat(t.confirm("b")).as("the same member twice counts once").isFalse();
        // one of two: 72 − 60·ln 2 / ln 3 = 34.14 s
        assertThat(t.deadlineMs()).isEqualTo(10_000 + 34_144);
        assertThat(t.confirm("c")).isTrue();
        assertThat(t.deadlineMs()).isEqualTo(10_000 + 12_000);
        assertThat(t.confirm("d")).as("beyond K nothing changes").isFalse();
        assertThat(t.deadlineMs()).isEqualTo(10_000 + 12_000);
        assertThat(t.confirmations()).isEqualTo(2);
    }

    @Test
    void tinyClusterCannotConfirmAndUsesTheMinimum() {
        SuspicionTimer t = new SuspicionTimer(1, 0, "a", 3, lan, 0);
        assertThat(t.deadlineMs()).isEqualTo(4_000);
        assertThat(t.confirm("b")).isFalse();
    }
}
