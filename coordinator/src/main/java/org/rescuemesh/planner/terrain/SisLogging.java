package org.rescuemesh.planner.terrain;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Apache SIS warns on its first use that no EPSG database (SIS_DATA) is configured; the planner needs
 * none for UTM and WGS 84, so SIS's log is kept to real errors. This is done where the terrain
 * package first calls into SIS rather than up front: a DEM read through the memory-mapped reader
 * with a WGS 84 / UTM code never touches SIS, and then java.util.logging is never started either
 * (about 15 ms of a short {@code coordinator.jar viewshed} run).
 */
final class SisLogging {
    // Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final Logger SIS = Logger.getLogger("org.apache.sis");

    static {
        SIS.setLevel(Level.SEVERE);
    }

    private SisLogging() {
    }

    /** Ensures SIS's warnings are off (the work is done once, by class initialisation). */
    static void quiet() {
        // class initialisation above
    }
}
