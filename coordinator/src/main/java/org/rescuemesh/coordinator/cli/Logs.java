package org.rescuemesh.coordinator.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Quiet, operator-friendly logging defaults: our INFO lines, the libraries' warnings only. */
final class Logs {

    // Strong references: JUL keeps loggers weakly, and a collected logger forgets its level.
    private static final Logger[] QUIET = {
            Logger.getLogger("com.hazelcast"), Logger.getLogger("io.netty"), Logger.getLogger("io.vertx")};
    // Single-member demo and CP-less clusters are intended; its UNSAFE-mode warning only alarms operators.
    private static final Logger CP = Logger.getLogger("com.hazelcast.cp.CPSubsystem");
    // The planner needs no EPSG database for UTM and WGS 84; SIS's "SIS_DATA not set" warning is noise.
    private static final Logger SIS = Logger.getLogger("org.apache.sis");

    private Logs() {
    }

    static void configure() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %3$s: %5$s%6$s%n");
        CP.setLevel(Level.SEVERE);
        SIS.setLevel(Level.SEVERE);
        for (Logger l : QUIET) {
            l.setLevel(Level.WARNING);
        }
    }
}
