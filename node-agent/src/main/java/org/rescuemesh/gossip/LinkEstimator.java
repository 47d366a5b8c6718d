package org.rescuemesh.gossip;

import org.rescuemesh.agent.mesh.LinkMetrics;

/**
 * What the probes tell about the link to one peer. Every ping we send to a peer carries our
 * per-link sequence number, so the peer can count how many of them it heard (reported back in
 * Ack.heard_count / heard_window = forward delivery) and we count the peer's pings we heard
 * (reverse delivery). RTT is smoothed like TCP's SRTT/RTTVAR (gains 1/8 and 1/4).
 */
public final class LinkEstimator {

    /** Pings remembered for the delivery ratios. */
    public static final int WINDOW = 64;
    /** Direct probes remembered for the loss figure. */
    private static final int PROBE_WINDOW = 32;

    private int sendSeq;
    // reverse direction: the peer's pings we heard
    private long rxHighest = -1;
    private long rxFirst = -1;
    private long rxMask;
    // direct probe outcomes, newest in bit 0
    private int probeMask;
    private int probeCount;
    private double srttMs = Double.NaN;
    private double rttVarMs = Double.NaN;
    private double deliveryForward = Double.NaN;
    private long lastHeardMs;

    /** Sequence number for the next ping to this peer (1, 2, …). */
    public int nextPingSeq() {
        return ++sendSeq;
    }

    /** Records that the peer's ping with per-link sequence {@code seq} was heard. */
    public void pingHeard(long seq) {
        if (rxHighest < 0 || seq > rxHighest + WINDOW * 4L || seq < rxHighest - WINDOW) {
            // first ping, or the peer restarted its counter (restart or link-table eviction)
            rxFirst = seq;
            rxHighest = seq;
            rxMask = 1L;
        } else if (seq > rxHighest) {
            long shift = seq - rxHighest;
            rxMask = shift >= 64 ? 1L : (rxMask << shift) | 1L;
            rxHighest = seq;
        } else {
            rxMask |= 1L << (rxHighest - seq);
        }
    }

    /** Pings of the peer heard within {@link #heardWindow()}. */
    public int heardCount() {
        int window = heardWindow();
        if (window == 0) {
            return 0;
        }
        long mask = window >= 64 ? rxMask : rxMask & ((1L << window) - 1);
        return Long.bitCount(mask);
    }

    /** The peer's pings we could have heard (by their sequence numbers), at most {@link #WINDOW}. */
    public int heardWindow() {
        if (rxHighest < 0) {
            return 0;
        }
        return (int) Math.min(WINDOW, rxHighest - rxFirst + 1);
    }

    public void heard(long nowMs) {
        lastHeardMs = Math.max(lastHeardMs, nowMs);
    }

    /** Outcome of one direct probe; {@code rttMs} is ignored when not acked. */
    public void probeResult(boolean acked, long rttMs) {
        probeMask = (probeMask << 1) | (acked ? 1 : 0);
        probeCount = Math.min(PROBE_WINDOW, probeCount + 1);
        if (acked) {
            double sample = Math.max(0, rttMs);
            if (Double.isNaN(srttMs)) {
                srttMs = sample;
                rttVarMs = sample / 2;
            } else {
                rttVarMs = 0.75 * rttVarMs + 0.25 * Math.abs(srttMs - sample);
                srttMs = 0.875 * srttMs + 0.125 * sample;
            }
        }
    }

    /** The peer's report of how many of our pings it heard. */
    public void forwardReport(int heardCount, int heardWindow) {
        if (heardWindow > 0 && heardCount <= heardWindow) {
            deliveryForward = (double) heardCount / heardWindow;
        }
    }

    public double probeLoss() {
        if (probeCount == 0) {
            return 0;
        }
        int mask = probeCount >= 32 ? probeMask : probeMask & ((1 << probeCount) - 1);
        return 1.0 - (double) Integer.bitCount(mask) / probeCount;
    }

    public long lastHeardMs() {
        return lastHeardMs;
    }

    public LinkMetrics metrics() {
        double loss = probeLoss();
        double roundTrip = 1.0 - loss;
        double df = deliveryForward;
        double dr = heardWindow() > 0 ? (double) heardCount() / heardWindow() : Double.NaN;
        // one direction unknown: infer it from the round-trip success of our probes
        if (Double.isNaN(df) && !Double.isNaN(dr) && probeCount > 0) {
            df = dr > 0 ? Math.min(1.0, roundTrip / dr) : 0;
        } else if (Double.isNaN(dr) && !Double.isNaN(df) && probeCount > 0) {
            dr = df > 0 ? Math.min(1.0, roundTrip / df) : 0;
        } else if (Double.isNaN(df) && Double.isNaN(dr)) {
            if (probeCount == 0) {
                return new LinkMetrics(Double.NaN, Double.NaN, 0, 0, 0, Double.POSITIVE_INFINITY, lastHeardMs);
            }
            df = Math.sqrt(roundTrip);
            dr = df;
        }
        double etx = df > 0 && dr > 0 ? 1.0 / (df * dr) : Double.POSITIVE_INFINITY;
        return new LinkMetrics(srttMs, rttVarMs, loss, df, dr, etx, lastHeardMs);
    }
}
