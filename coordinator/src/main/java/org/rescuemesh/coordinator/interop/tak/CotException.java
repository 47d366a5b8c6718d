package org.rescuemesh.coordinator.interop.tak;

/** A CoT message that cannot be read or does not describe a position; the message says why. */
public final class CotException extends RuntimeException {

    public CotException(String reason) {
        super(reason);
    }
}
