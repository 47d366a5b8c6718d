package org.rescuemesh.agent.link;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One {@code Station} block of {@code iw dev IF station dump}.
 *
 * @param signalDbm    instantaneous signal; empty when the driver reports none (0 dBm)
 * @param signalAvgDbm averaged signal, when the driver keeps one
 */
public record WifiStation(String address, String interfaceName, Optional<Duration> inactive, OptionalDouble signalDbm,
                          OptionalDouble signalAvgDbm, OptionalDouble txBitrateKbps, OptionalDouble rxBitrateKbps,
                          OptionalDouble expectedThroughputKbps, OptionalLong txPackets, OptionalLong txRetries,
                          OptionalLong txFailed) {

    public LinkSample toSample() {
        OptionalDouble rssi = signalAvgDbm.isPresent() ? signalAvgDbm : signalDbm;
        return new LinkSample(address, interfaceName, rssi, txBitrateKbps, rxBitrateKbps, OptionalInt.empty(),
                OptionalDouble.empty(), inactive);
    }
}
