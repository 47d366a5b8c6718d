package org.rescuemesh.gossip.wire;

import org.rescuemesh.gossip.transport.FrameCodec;
import org.rescuemesh.gossip.transport.FrameRejectedException;
import org.rescuemesh.proto.v1.Envelope;

/**
 * Wraps any codec so that every decode outcome is counted in {@link FrameCounters} and rejected
 * frames are logged. Logging is thinned to the 1st, 10th, 100th, … rejection of each reason so a
 * flood of bad frames cannot flood the log.
 */
public final class CountingFrameCodec implements FrameCodec {

    private static final System.Logger LOG = System.getLogger(CountingFrameCodec.class.getName());

    private final FrameCodec inner;
    private final FrameCounters counters;

    public CountingFrameCodec(FrameCodec inner, FrameCounters counters) {
        this.inner = inner;
        this.counters = counters;
    }

    @Override
    public byte[] encode(Envelope envelope) {
        byte[] frame = inner.encode(envelope);
        counters.recordEncoded();
        return frame;
    }

    @Override
    public Envelope decode(byte[] frame) throws FrameRejectedException {
        try {
            Envelope envelope = inner.decode(frame);
            counters.recordAccepted();
            return envelope;
        } catch (FrameRejectedException e) {
            long count = counters.recordRejected(e.reason());
            if (isPowerOfTen(count)) {
                LOG.log(System.Logger.Level.WARNING, "dropped frame: {0} ({1}); {2} dropped for this reason so far",
                        e.reason(), e.getMessage(), String.valueOf(count));
            }
            throw e;
        }
    }

    private static boolean isPowerOfTen(long n) {
        long p = 1;
        while (p < n && p <= Long.MAX_VALUE / 10) {
            p *= 10;
        }
        return p == n;
    }

    @Override
    public int overheadBytes() {
        return inner.overheadBytes();
    }

    public FrameCodec inner() {
        return inner;
    }

    public FrameCounters counters() {
        return counters;
    }
}
