package org.rescuemesh.planner.routes;

/**
 * Packet success probability as a function of predicted link margin, and the ETX-like cost
 * that follows, so predicted links can sit in the same graph as measured ones.
 *
 * <p>A logistic curve {@code p(m) = 1 / (1 + exp(−(m − midpointDb) / widthDb))}. The default
 * puts p = 0.5 at 0 dB (a median prediction exactly at sensitivity fails half the time) and a
 * width of 3 dB, the logistic equivalent of a normal spread of about 5.5 dB — the order of
 * the location/time variability the prediction does not know. ETX = 1 / p², as both
 * directions must deliver (data and acknowledgement).
 */
public record PacketSuccessCurve(double midpointDb, double widthDb) {

    public static final PacketSuccessCurve DEFAULT = new PacketSuccessCurve(0.0, 3.0);

    public PacketSuccessCurve {
        if (!Double.isFinite(midpointDb)) {
            throw new IllegalArgumentException("midpoint must be finite, got " + midpointDb);
        }
        if (!(widthDb > 0) || Double.isInfinite(widthDb)) {
            throw new IllegalArgumentException("width must be > 0 dB, got " + widthDb);
        }
    }

    /** Success probability of one frame in one direction, 0..1 (0 for NaN margins). */
    public double successProbability(double marginDb) {
        if (Double.isNaN(marginDb)) {
            return 0;
        }
        return 1.0 / (1.0 + Math.exp(-(marginDb - midpointDb) / widthDb));
    }

    /** Expected transmissions for a delivered and acknowledged frame; +Infinity when p = 0. */
    public double etx(double marginDb) {
        double p = successProbability(marginDb);
        return p == 0 ? Double.POSITIVE_INFINITY : 1.0 / (p * p);
    }
}
