package org.rescuemesh.agent.link;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.rescuemesh.proto.v1.LinkReport;

/**
 * What an external tool says about the link to one neighbour, keyed by the neighbour's MAC
 * address (or bat-hosts name). Fields the tool does not report are empty. Several samples for the
 * same peer (iw and batctl) are {@linkplain #combine combined}, then {@linkplain #applyTo applied}
 * onto the {@link LinkReport} the gossip layer measures; mapping MAC to node id is the caller's.
 *
 * @param peerAddress    neighbour MAC address, lower case
 * @param interfaceName  local interface the neighbour is heard on
 * @param rssiDbm        received signal strength (iw signal avg, else signal)
 * @param txBitrateKbps  our transmit rate towards the peer (iw tx bitrate)
 * @param rxBitrateKbps  the peer's rate towards us (iw rx bitrate)
 * @param batmanTq       batman-adv IV transmit quality 0..255 of the direct route
 * @param throughputKbps batman-adv V throughput estimate of the direct link
 * @param lastSeen       time since the peer was last heard (batctl last-seen, iw inactive time)
 */
public record LinkSample(String peerAddress, String interfaceName, OptionalDouble rssiDbm,
                         OptionalDouble txBitrateKbps, OptionalDouble rxBitrateKbps, OptionalInt batmanTq,
                         OptionalDouble throughputKbps, Optional<Duration> lastSeen) {

    public LinkSample {
        peerAddress = peerAddress.toLowerCase(java.util.Locale.ROOT);
    }

    static LinkSample empty(String peerAddress, String interfaceName) {
        return new LinkSample(peerAddress, interfaceName, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalInt.empty(), OptionalDouble.empty(), Optional.empty());
    }

    /**
     * Merges two samples of the same peer: each field from this sample when present, else from
     * {@code other}; last-seen takes the more recent (smaller) of the two.
     */
    public LinkSample combine(LinkSample other) {
        if (!peerAddress.equals(other.peerAddress)) {
            throw new IllegalArgumentException("cannot combine samples of " + peerAddress + " and " + other.peerAddress);
        }
        Optional<Duration> seen = lastSeen.isEmpty() ? other.lastSeen
                : other.lastSeen.isEmpty() ? lastSeen
                : Optional.of(lastSeen.get().compareTo(other.lastSeen.get()) <= 0 ? lastSeen.get() : other.lastSeen.get());
        return new LinkSample(peerAddress, interfaceName.isEmpty() ? other.interfaceName : interfaceName,
                or(rssiDbm, other.rssiDbm), or(txBitrateKbps, other.txBitrateKbps), or(rxBitrateKbps, other.rxBitrateKbps),
                batmanTq.isPresent() ? batmanTq : other.batmanTq, or(throughputKbps, other.throughputKbps), seen);
    }

    /**
     * The same readings under another address: lets samples a peer's several interfaces produced
     * (its Wi-Fi MAC in iw, its primary hard interface in batctl) be {@linkplain #combine combined}
     * once they are known to belong to one node.
     */
    public LinkSample withPeerAddress(String address) {
        return new LinkSample(address, interfaceName, rssiDbm, txBitrateKbps, rxBitrateKbps, batmanTq, throughputKbps,
                lastSeen);
    }

    private static OptionalDouble or(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() ? a : b;
    }

    /**
     * Copies the radio's view onto a link report: rssi_dbm/has_rssi, bitrate_kbps (iw tx bitrate,
     * else the batman-adv V throughput estimate) and batman_tq. Other fields are left alone.
     */
    public LinkReport.Builder applyTo(LinkReport.Builder report) {
        rssiDbm.ifPresent(rssi -> report.setRssiDbm(rssi).setHasRssi(true));
        if (txBitrateKbps.isPresent()) {
            report.setBitrateKbps(txBitrateKbps.getAsDouble());
        } else {
            throughputKbps.ifPresent(report::setBitrateKbps);
        }
        batmanTq.ifPresent(report::setBatmanTq);
        return report;
    }
}
