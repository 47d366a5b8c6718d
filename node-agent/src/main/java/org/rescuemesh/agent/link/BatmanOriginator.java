package org.rescuemesh.agent.link;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One row of {@code batctl o}: a route to an originator through a next hop.
 *
 * @param tq             transmit quality 0..255 (BATMAN_IV)
 * @param throughputKbps path throughput (BATMAN_V)
 * @param selected       whether batman-adv uses this next hop (the {@code *} mark; the old
 *                       debugfs layout lists only selected routes)
 */
public record BatmanOriginator(String originator, Duration lastSeen, OptionalInt tq, OptionalDouble throughputKbps,
                               String nextHop, String interfaceName, boolean selected) {

    /** A route whose next hop is the originator itself measures the direct link to it. */
    public boolean isDirect() {
        return originator.equalsIgnoreCase(nextHop);
    }

    public LinkSample toSample() {
        return new LinkSample(originator, interfaceName, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), tq, throughputKbps, Optional.of(lastSeen));
    }
}
