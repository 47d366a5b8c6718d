package org.rescuemesh.gossip;

/** Counters of one node's protocol activity (read by the simulator and exported as metrics). */
public final class SwimStats {
    /** Direct probes sent. */
    public long probes;
    /** Probes skipped because the target was overheard in the last period. */
    public long probesOverheard;
    /** Probes that fell back to ping-req. */
    public long indirectProbes;
    /** Probes that ended without any ack: this node raised a suspicion. */
    public long suspicionsRaised;
    /** Suspicion timers that expired here: this node declared a member dead. */
    public long deadDeclared;
    /** Times this node refuted a suspicion or death of itself. */
    public long refutations;
    public long nacksReceived;
    public long framesSent;
    public long bytesSent;
    public long framesReceived;
    public long pushPulls;
    public long rejoinAttempts;
    /** Frames not sent because the duty-cycle budget was spent. */
    public long framesDeferredByDutyCycle;
    /** Messages ignored as inconsistent (unknown sender for an ack, ping for another id...). */
    public long messagesIgnored;
}
