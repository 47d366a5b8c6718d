package org.rescuemesh.gossip.wire;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.rescuemesh.gossip.transport.FrameRejectedException;

/**
 * Anti-replay check for authenticated envelopes, per sender: a sliding bitmap over
 * {@code frame_seq} (as in IPsec, RFC 4303 §3.4.3) plus a freshness bound on {@code sent_at_ms}.
 * Only call it for frames that passed authentication, otherwise forged frames would move the
 * window.
 *
 * <p>Sender restarts: a restarted agent may count {@code frame_seq} from a lower value. A frame
 * whose sequence does not advance the window yet whose {@code sent_at_ms} is newer than anything
 * accepted from that sender cannot be a copy of an accepted frame, so it starts a new epoch
 * (window reset). Frames not newer than the last epoch's newest {@code sent_at_ms} are refused
 * from then on, which keeps every earlier frame out. This assumes the sender's clock does not step
 * backwards across a restart.
 *
 * <p>State for a sender idle for longer than the freshness bound is dropped: all its earlier
 * frames are stale by then and refused on {@code sent_at_ms} alone.
 */
public final class ReplayWindow {

    public static final int DEFAULT_WINDOW_FRAMES = 256;
    /** Generous because field devices without GPS time can be minutes off. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private static final int EVICTION_EVERY = 4096;

    private final int windowFrames;
    private final long maxSkewMs;
    private final LongSupplier clockMillis;
    private final Map<String, SenderWindow> senders = new ConcurrentHashMap<>();
    private final AtomicLong checks = new AtomicLong();

    public ReplayWindow(LongSupplier clockMillis) {
        this(DEFAULT_WINDOW_FRAMES, DEFAULT_MAX_CLOCK_SKEW, clockMillis);
    }

    /**
     * @param windowFrames how far behind the newest sequence a reordered frame is still accepted
     *                     (rounded up to a multiple of 64)
     * @param maxClockSkew frames whose sent_at_ms is further than this from our clock, either way,
     *                     are refused
     * @param clockMillis  our wall clock, milliseconds since the epoch
     */
    public ReplayWindow(int windowFrames, Duration maxClockSkew, LongSupplier clockMillis) {
        if (windowFrames < 1) {
            throw new IllegalArgumentException("window must hold at least one frame");
        }
        if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
            throw new IllegalArgumentException("max clock skew must be positive");
        }
        this.windowFrames = (windowFrames + 63) / 64 * 64;
        this.maxSkewMs = maxClockSkew.toMillis();
        this.clockMillis = clockMillis;
    }

    /**
     * Accepts the frame (and remembers it) or throws {@link FrameRejectedException.Reason#REPLAYED}.
     */
    public void check(String senderId, long frameSeq, long sentAtMs) throws FrameRejectedException {
        long now = clockMillis.getAsLong();
        if (checks.incrementAndGet() % EVICTION_EVERY == 0) {
            evictIdle(now);
        }
        if (sentAtMs < now - maxSkewMs || sentAtMs > now + maxSkewMs) {
            throw new FrameRejectedException(FrameRejectedException.Reason.REPLAYED,
                    "frame from " + senderId + " sent at " + sentAtMs + " ms, " + (now - sentAtMs)
                            + " ms from our clock (bound " + maxSkewMs + " ms)");
        }
        String verdict = null;
        boolean admitted = false;
        while (!admitted) {
            SenderWindow window = senders.computeIfAbsent(senderId, id -> new SenderWindow(windowFrames / 64));
            synchronized (window) {
                // An evicted window may still be reachable from a racing lookup: take a fresh one.
                if (!window.evicted) {
                    verdict = window.admit(frameSeq, sentAtMs);
                    admitted = true;
                }
            }
        }
        if (verdict != null) {
            throw new FrameRejectedException(FrameRejectedException.Reason.REPLAYED,
                    "frame " + Long.toUnsignedString(frameSeq) + " from " + senderId + ": " + verdict);
        }
    }

    /** Senders with live state (for metrics and tests). */
    public int trackedSenders() {
        return senders.size();
    }

    /** Drops state of senders whose newest frame is already beyond the freshness bound. */
    public void evictIdle(long nowMillis) {
        Iterator<Map.Entry<String, SenderWindow>> it = senders.entrySet().iterator();
        while (it.hasNext()) {
            SenderWindow window = it.next().getValue();
            synchronized (window) {
                if (window.started && window.maxSentAt < nowMillis - maxSkewMs) {
                    window.evicted = true;
                    it.remove();
                }
            }
        }
    }

    /** One sender's window; guarded by its own monitor. */
    private static final class SenderWindow {
        private final long[] seen;
        private boolean started;
        private boolean evicted;
        private long highest;
        private long maxSentAt = Long.MIN_VALUE;
        /** Frames with sent_at_ms at or below this belong to an earlier epoch of the sender. */
        private long epochFloor = Long.MIN_VALUE;

        SenderWindow(int words) {
            this.seen = new long[words];
        }

        /** @return null when accepted, otherwise why not */
        String admit(long seq, long sentAt) {
            if (!started) {
                startEpoch(seq, sentAt);
                return null;
            }
            if (sentAt <= epochFloor) {
                return "sent before the sender's restart";
            }
            if (Long.compareUnsigned(seq, highest) > 0) {
                shift(seq - highest);
                highest = seq;
                mark(0);
                maxSentAt = Math.max(maxSentAt, sentAt);
                return null;
            }
            if (sentAt > maxSentAt) {
                // Sequence did not advance but the frame is newer than all accepted ones: restart.
                epochFloor = maxSentAt;
                startEpoch(seq, sentAt);
                return null;
            }
            long offset = highest - seq;
            if (Long.compareUnsigned(offset, seen.length * 64L) >= 0) {
                return "older than the replay window";
            }
            if (isMarked((int) offset)) {
                return "already received";
            }
            mark((int) offset);
            return null;
        }

        private void startEpoch(long seq, long sentAt) {
            started = true;
            java.util.Arrays.fill(seen, 0L);
            highest = seq;
            maxSentAt = sentAt;
            mark(0);
        }

        /** Bit i of the window stands for sequence highest - i; advancing shifts bits up. */
        private void shift(long by) {
            int bits = seen.length * 64;
            if (Long.compareUnsigned(by, bits) >= 0) {
                java.util.Arrays.fill(seen, 0L);
                return;
            }
            int n = (int) by;
            int wordShift = n / 64;
            int bitShift = n % 64;
            for (int i = seen.length - 1; i >= 0; i--) {
                long v = 0;
                int src = i - wordShift;
                if (src >= 0) {
                    v = seen[src] << bitShift;
                    if (bitShift != 0 && src - 1 >= 0) {
                        v |= seen[src - 1] >>> (64 - bitShift);
                    }
                }
                seen[i] = v;
            }
        }

        private void mark(int offset) {
            seen[offset / 64] |= 1L << (offset % 64);
        }

        private boolean isMarked(int offset) {
            return (seen[offset / 64] & (1L << (offset % 64))) != 0;
        }
    }
}
