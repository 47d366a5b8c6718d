package org.rescuemesh.gossip.wire;

/** A key file that cannot be used; the message names the file and line but never key material. */
public final class KeyFileException extends Exception {

    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
