package org.rescuemesh.planner.routes;

/** What a link's cost in the route graph is based on. */
public enum LinkEvidence {
    /** Measured ETX from link reports (wins over any prediction). */
    MEASURED,
    /** Predicted margin turned into ETX by a {@link PacketSuccessCurve}. */
    PREDICTED
}
