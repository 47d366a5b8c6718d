package org.rescuemesh.gossip.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rescuemesh.gossip.transport.FrameRejectedException;

class ReplayWindowTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ReplayWindow window = new ReplayWindow(128, Duration.ofMinutes(5), now::get);

    private boolean accepts(String sender, long seq, long sentAt) {
        try {
            window.check(sender, seq, sentAt);
            return true;
        } catch (FrameRejectedException e) {
            assertThat(e.reason()).isEqualTo(FrameRejectedException.Reason.REPLAYED);
            return false;
        }
    }

    @Test
    void acceptsEachSequenceOnceEvenOutOfOrderWithinTheWindow() {
        long t = now.get();
        assertThat(accepts("a", 10, t)).isTrue();
        assertThat(accepts("a", 12, t)).isTrue();
        assertThat(accepts("a", 11, t)).isTrue();
        assertThat(accepts("a", 11, t)).isFalse();
        assertThat(accepts("a", 12, t)).isFalse();
        assertThat(accepts("a", 10, t)).isFalse();
        assertThat(accepts("a", 9, t)).isTrue();
    }

    @Test
    void framesBehindTheWindowAreRefusedAndTheBitmapSurvivesLongShifts() {
        long t = now.get();
        for (long seq = 1; seq <= 1000; seq += 3) {
            assertThat(accepts("a", seq, t)).isTrue();
        }
        // 1000 is newest; window of 128 covers 873..1000.
        assertThat(accepts("a", 872, t)).isFalse();
        assertThat(accepts("a", 874, t)).isFalse(); // 874 = 1 + 3k was accepted
        assertThat(accepts("a", 875, t)).isTrue();
        assertThat(accepts("a", 875, t)).isFalse();
        assertThat(accepts("a", 1_000_000, t)).isTrue();
        assertThat(accepts("a", 1000, t)).isFalse();
        assertThat(accepts("a", 999_999, t)).isTrue();
    }

    @Test
    void stateIsPerSender() {
        long t = now.get();
        assertThat(accepts("a", 5, t)).isTrue();
        assertThat(accepts("b", 5, t)).isTrue();
        assertThat(accepts("a", 5, t)).isFalse();
    }

    @Test
    void sentAtOutsideTheFreshnessBoundIsRefusedEitherWay() {
        long t = now.get();
        assertThat(accepts("a", 1, t - Duration.ofMinutes(6).toMillis())).isFalse();
        assertThat(accepts("a", 2, t + Duration.ofMinutes(6).toMillis())).isFalse();
        assertThat(accepts("a", 3, t - Duration.ofMinutes(4).toMillis())).isTrue();
    }

    @Test
    void aRestartedSenderCountingFromZeroIsAcceptedButOldFramesStayOut() {
        long t = now.get();
        for (long seq = 0; seq < 50; seq++) {
            assertThat(accepts("a", seq, t + seq)).isTrue();
        }
        now.addAndGet(2_000);
        long restartedAt = now.get();
        assertThat(accepts("a", 0, restartedAt)).isTrue();
        assertThat(accepts("a", 1, restartedAt + 1)).isTrue();
        // Frames captured before the restart, above the new sequence, are still refused.
        assertThat(accepts("a", 40, t + 40)).isFalse();
        assertThat(accepts("a", 49, t + 49)).isFalse();
        assertThat(accepts("a", 1, restartedAt + 1)).isFalse();
        assertThat(accepts("a", 2, restartedAt + 2)).isTrue();
    }

    @Test
    void idleSendersAreForgottenOnlyOnceTheirFramesAreStale() {
        long t = now.get();
        accepts("a", 1, t);
        window.evictIdle(now.get());
        assertThat(window.trackedSenders()).isEqualTo(1);
        now.addAndGet(Duration.ofMinutes(6).toMillis());
        window.evictIdle(now.get());
        assertThat(window.trackedSenders()).isZero();
        assertThat(accepts("a", 1, t)).isFalse();
    }

    @Test
    void rejectsNonsenseConfiguration() {
        assertThatThrownBy(() -> new ReplayWindow(0, Duration.ofMinutes(1), now::get))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayWindow(64, Duration.ZERO, now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
