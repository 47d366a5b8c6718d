package org.rescuemesh.agent.link;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One row of {@code batctl n}: a neighbour heard directly on an interface.
 *
 * @param throughputKbps ELP throughput estimate (BATMAN_V only)
 */
public record BatmanNeighbour(String interfaceName, String address, Duration lastSeen, OptionalDouble throughputKbps) {

    public LinkSample toSample() {
        return new LinkSample(address, interfaceName, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalInt.empty(), throughputKbps, Optional.of(lastSeen));
    }
}
