package org.rescuemesh.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SuspicionTimersTest {

    private final GossipConfig lan = GossipConfig.lan();

    private SuspicionTimer timer(int slot, long startMs) {
        return new SuspicionTimer(slot, 0, "origin", 1_000, lan, startMs);
    }

    @Test
    void expiresInDeadlineOrderAndForgetsStoppedTimersAtOnce() {
        SuspicionTimers timers = new SuspicionTimers();
        timers.start(timer(1, 3_000));
        timers.start(timer(2, 1_000));
        timers.start(timer(3, 2_000));
        timers.remove(3);
        assertThat(timers.size()).as("a refuted suspicion holds no memory until its deadline").isEqualTo(2);
        assertThat(timers.get(3)).isNull();
        // 72 s (max at 1k members, no confirmation) after each start
        assertThat(timers.nextDeadlineMs()).isEqualTo(73_000);
        assertThat(timers.pollExpired(72_999)).isNull();
        assertThat(timers.pollExpired(80_000).slot()).isEqualTo(2);
        assertThat(timers.pollExpired(80_000).slot()).isEqualTo(1);
        assertThat(timers.pollExpired(80_000)).isNull();
        assertThat(timers.isEmpty()).isTrue();
        assertThat(timers.nextDeadlineMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void confirmationMovesATimerAheadOfEarlierOnes() {
        SuspicionTimers timers = new SuspicionTimers();
        SuspicionTimer late = timer(5, 10_000);
        timers.start(timer(6, 0));
        timers.start(late);
        assertThat(timers.nextDeadlineMs()).isEqualTo(72_000);
        late.confirm("b");
        late.confirm("c");
        timers.deadlineMovedEarlier(late);
        // two confirmations: min timeout, 12 s after its start
        assertThat(timers.nextDeadlineMs()).isEqualTo(22_000);
        assertThat(timers.pollExpired(22_000)).isSameAs(late);
    }

    @Test
    void restartingASlotReplacesItsTimer() {
        SuspicionTimers timers = new SuspicionTimers();
        timers.start(timer(4, 0));
        SuspicionTimer newer = new SuspicionTimer(4, 1, "x", 1_000, lan, 5_000);
        timers.start(newer);
        assertThat(timers.size()).isEqualTo(1);
        assertThat(timers.get(4)).isSameAs(newer);
    }

    @Test
    void randomStartsStopsAndConfirmationsKeepTheHeapOrdered() {
        SplittableRandom random = new SplittableRandom(7);
        SuspicionTimers timers = new SuspicionTimers();
        List<SuspicionTimer> running = new ArrayList<>();
        for (int step = 0; step < 5_000; step++) {
            int op = random.nextInt(3);
            int slot = random.nextInt(200);
            if (op == 0) {
                SuspicionTimer t = timer(slot, random.nextLong(100_000));
                running.removeIf(r -> r.slot() == slot);
                running.add(t);
                timers.start(t);
            } else if (op == 1) {
                running.removeIf(r -> r.slot() == slot);
                timers.remove(slot);
            } else {
                SuspicionTimer t = timers.get(slot);
                if (t != null && t.confirm("c" + step)) {
                    timers.deadlineMovedEarlier(t);
                }
            }
            long min = running.stream().mapToLong(SuspicionTimer::deadlineMs).min().orElse(Long.MAX_VALUE);
            assertThat(timers.nextDeadlineMs()).isEqualTo(min);
            assertThat(timers.size()).isEqualTo(running.size());
        }
        long last = Long.MIN_VALUE;
        SuspicionTimer t;
        while ((t = timers.pollExpired(Long.MAX_VALUE)) != null) {
            assertThat(t.deadlineMs()).isGreaterThanOrEqualTo(last);
            last = t.deadlineMs();
        }
    }
}
