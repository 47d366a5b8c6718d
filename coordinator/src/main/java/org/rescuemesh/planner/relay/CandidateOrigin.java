package org.rescuemesh.planner.relay;

/** Where a candidate relay site came from. */
public enum CandidateOrigin {
    /** Named by an operator (a reachable roof, a hill with road access). */
    OPERATOR,
    /** Local terrain maximum in all eight directions. */
    PEAK,
    /** Terrain crest: higher than both neighbours along at least two of the four grid axes. */
    RIDGE,
    /** High cell of a visibility-index raster (how much terrain the point sees). */
    VISIBILITY
}
