package org.rescuemesh.planner.radio;

/**
 * The path as ITM sees it after terrain analysis (point-to-point) or after the area-mode siting
 * estimates: structural and effective antenna heights, horizon distances and elevation angles,
 * terrain irregularity Δh and the path distance. Index 0 is the transmitter, 1 the receiver.
 */
record PathGeometry(double hg0, double hg1, double he0, double he1,
                    double dl0, double dl1, double the0, double the1,
                    double deltaH, double distanceM) {
}
