package org.rescuemesh.coordinator.cli;

import java.net.BindException;

/** Port flag validation and friendly explanations of bind failures. */
final class Ports {

    private Ports() {
    }

    static void check(String flag, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(flag + " must be 0..65535, got " + port);
        }
    }

    static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "a port is already in use (" + t.getMessage() + "); pick others with the --*-port flags";
            }
        }
        return String.valueOf(e.getMessage());
    }
}
