package org.rescuemesh.gossip.transport;

/** A received frame that is dropped; {@link #reason()} says why (and is what gets counted). */
public final class FrameRejectedException extends Exception {

    public enum Reason { TRUNCATED, OVERSIZED, MALFORMED, UNKNOWN_VERSION, UNKNOWN_KEY, AUTH_FAILED, REPLAYED }

    private final Reason reason;

    public FrameRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
