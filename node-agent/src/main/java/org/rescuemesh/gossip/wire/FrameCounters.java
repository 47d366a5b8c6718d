package org.rescuemesh.gossip.wire;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.rescuemesh.gossip.transport.FrameRejectedException.Reason;

/**
 * Counts of received frames by outcome: accepted, or rejected per {@link Reason}. Thread-safe and
 * cheap to update from any number of I/O threads (one {@link LongAdder} per outcome).
 */
public final class FrameCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder encoded = new LongAdder();
    private final EnumMap<Reason, LongAdder> rejected = new EnumMap<>(Reason.class);

    public FrameCounters() {
        for (Reason reason : Reason.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    public void recordAccepted() {
        accepted.increment();
    }

    public void recordEncoded() {
        encoded.increment();
    }

    /** @return the count for this reason after the increment (approximate under contention) */
    public long recordRejected(Reason reason) {
        LongAdder adder = rejected.get(reason);
        adder.increment();
        return adder.sum();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long encoded() {
        return encoded.sum();
    }

    public long rejected(Reason reason) {
        return rejected.get(reason).sum();
    }

    public long rejectedTotal() {
        long total = 0;
        for (LongAdder adder : rejected.values()) {
            total += adder.sum();
        }
        return total;
    }

    /** Frames decoded so far, whatever the outcome. */
    public long received() {
        return accepted() + rejectedTotal();
    }

    /** Rejections by reason, every reason present (zero when none). */
    public Map<Reason, Long> rejectedByReason() {
        EnumMap<Reason, Long> copy = new EnumMap<>(Reason.class);
        rejected.forEach((reason, adder) -> copy.put(reason, adder.sum()));
        return copy;
    }

    @Override
    public String toString() {
        return "FrameCounters[accepted=" + accepted() + ", encoded=" + encoded() + ", rejected=" + rejectedByReason() + "]";
    }
}
