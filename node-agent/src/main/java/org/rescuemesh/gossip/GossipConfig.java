package org.rescuemesh.gossip;

/**
 * Tunables of the SWIM + Lifeguard core. Immutable; derive variants with the {@code with…}
 * methods. Two documented profiles: {@link #lan()} and {@link #lora()}.
 *
 * @param probeIntervalMs        base probe period; Lifeguard multiplies it by (awareness + 1)
 * @param probeTimeoutMs         wait for a direct ack before asking k members; also multiplied by (awareness + 1)
 * @param gossipIntervalMs       period of the piggyback-only gossip frames
 * @param gossipFanout           members sent a gossip frame per gossip period
 * @param retransmitMult         λ: each update is sent λ·ceil(log10(n+1)) times
 * @param suspicionMult          α: min suspicion timeout = α·max(1, log10 n)·probe interval
 * @param suspicionMaxMult       β: max suspicion timeout = β·min
 * @param awarenessMax           S: local health score ranges 0..S-1
 * @param indirectChecks         k members asked to probe a target that missed its direct ack
 * @param pushPullIntervalMs     base anti-entropy period (scaled up above 32 members); 0 disables push-pull
 * @param reconnectIntervalMs    period of rejoin attempts towards dead members or seeds (partition heal)
 * @param gossipToTheDeadMs      dead members still receive gossip this long, so a wrongly declared node hears it and refutes
 * @param maxFrameBytes          largest datagram on the wire, codec overhead included
 * @param maxQueueDepth          broadcast queue bound; the most-sent updates are dropped first beyond it
 * @param linkTablePeers         peers whose link metrics are kept (the least recently heard are forgotten)
 * @param dutyCyclePermille      radio duty-cycle budget in per-mille of airtime (10 = 1 %); 0 = unlimited
 * @param loraSpreadingFactor    spreading factor used to estimate airtime for the duty-cycle budget
 * @param overhearing            a probe target heard directly within the last probe period counts as acked (no frame sent)
 */
public record GossipConfig(
        long probeIntervalMs,
        long probeTimeoutMs,
        long gossipIntervalMs,
        int gossipFanout,
        int retransmitMult,
        int suspicionMult,
        int suspicionMaxMult,
        int awarenessMax,
        int indirectChecks,
        long pushPullIntervalMs,
        long reconnectIntervalMs,
        long gossipToTheDeadMs,
        int maxFrameBytes,
        int maxQueueDepth,
        int linkTablePeers,
        int dutyCyclePermille,
        int loraSpreadingFactor,
        boolean overhearing) {

    public GossipConfig {
        require(probeIntervalMs > 0, "probeIntervalMs must be > 0");
        require(probeTimeoutMs > 0 && probeTimeoutMs < probeIntervalMs, "probeTimeoutMs must be in (0, probeIntervalMs)");
        require(gossipIntervalMs > 0, "gossipIntervalMs must be > 0");
        require(gossipFanout >= 1, "gossipFanout must be >= 1");
        require(retransmitMult >= 1, "retransmitMult must be >= 1");
        require(suspicionMult >= 1, "suspicionMult must be >= 1");
        require(suspicionMaxMult >= 1, "suspicionMaxMult must be >= 1");
        require(awarenessMax >= 1, "awarenessMax must be >= 1");
        require(indirectChecks >= 0, "indirectChecks must be >= 0");
        require(pushPullIntervalMs >= 0, "pushPullIntervalMs must be >= 0");
        require(reconnectIntervalMs > 0, "reconnectIntervalMs must be > 0");
        require(gossipToTheDeadMs >= 0, "gossipToTheDeadMs must be >= 0");
        require(maxFrameBytes >= 64, "maxFrameBytes must be >= 64");
        require(maxQueueDepth >= 1, "maxQueueDepth must be >= 1");
        require(linkTablePeers >= 1, "linkTablePeers must be >= 1");
        require(dutyCyclePermille >= 0 && dutyCyclePermille <= 1000, "dutyCyclePermille must be in 0..1000");
        require(loraSpreadingFactor >= 6 && loraSpreadingFactor <= 12, "loraSpreadingFactor must be in 6..12");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Wi-Fi / batman-adv / Ethernet: memberlist's LAN defaults (1 s probe, 500 ms timeout, 200 ms
     * gossip, fanout 3, α = 4, β = 6, S = 8, k = 3, push-pull 30 s scaled with size) in
     * 1,200-byte datagrams (DESIGN.md), rejoin attempts every 10 s. λ = 5 instead of
     * memberlist's 4: with 4 (16 sends per update at 1k members) about one update in a hundred
     * misses a single member until push-pull repairs it minutes later, and an update must reach
     * 99.9 % of 1,000 members (everyone but one) within a few rounds.
     */
    public static GossipConfig lan() {
        return new GossipConfig(1_000, 500, 200, 3, 5, 4, 6, 8, 3,
                30_000, 10_000, 30_000, 1_200, 1_024, 256, 0, 7, false);
    }

    /**
     * LoRa-class radio: every frame ≤ 200 B including the 29 B of AES-GCM sealing, probes every
     * 2 min with a 20 s timeout (an SF12 round trip of two 200 B frames is ~15 s of airtime),
     * gossip every 30 s to one neighbour, λ = 4 (with fanout 1 a smaller λ leaves
     * one member in ~8 without a given update), no push-pull (a full state never fits a frame:
     * state is repaired by gossip and rejoin notices), 1 % duty-cycle budget estimated at SF7
     * airtime, and passive overhearing: a neighbour heard in the last probe period is not pinged.
     */
    public static GossipConfig lora() {
        return new GossipConfig(120_000, 20_000, 30_000, 1, 4, 4, 6, 8, 2,
                0, 900_000, 600_000, 200, 64, 64, 10, 7, true);
    }

    /** A profile by name: {@code lan} or {@code lora}. */
    public static GossipConfig profile(String name) {
        return switch (name) {
            case "lan" -> lan();
            case "lora" -> lora();
            default -> throw new IllegalArgumentException("unknown gossip profile '" + name + "' (lan or lora)");
        };
    }

    /** Same timing ratios, everything scaled by {@code factor} (tests use a fast LAN). */
    public GossipConfig withTimeScale(double factor) {
        return new GossipConfig(scale(probeIntervalMs, factor), scale(probeTimeoutMs, factor),
                scale(gossipIntervalMs, factor), gossipFanout, retransmitMult, suspicionMult, suspicionMaxMult,
                awarenessMax, indirectChecks, pushPullIntervalMs == 0 ? 0 : scale(pushPullIntervalMs, factor),
                scale(reconnectIntervalMs, factor), scale(gossipToTheDeadMs, factor), maxFrameBytes,
                maxQueueDepth, linkTablePeers, dutyCyclePermille, loraSpreadingFactor, overhearing);
    }

    public GossipConfig withPushPullIntervalMs(long ms) {
        return new GossipConfig(probeIntervalMs, probeTimeoutMs, gossipIntervalMs, gossipFanout, retransmitMult,
                suspicionMult, suspicionMaxMult, awarenessMax, indirectChecks, ms, reconnectIntervalMs,
                gossipToTheDeadMs, maxFrameBytes, maxQueueDepth, linkTablePeers, dutyCyclePermille,
                loraSpreadingFactor, overhearing);
    }

    public GossipConfig withMaxFrameBytes(int bytes) {
        return new GossipConfig(probeIntervalMs, probeTimeoutMs, gossipIntervalMs, gossipFanout, retransmitMult,
                suspicionMult, suspicionMaxMult, awarenessMax, indirectChecks, pushPullIntervalMs, reconnectIntervalMs,
                gossipToTheDeadMs, bytes, maxQueueDepth, linkTablePeers, dutyCyclePermille,
                loraSpreadingFactor, overhearing);
    }

    public GossipConfig withIndirectChecks(int k) {
        return new GossipConfig(probeIntervalMs, probeTimeoutMs, gossipIntervalMs, gossipFanout, retransmitMult,
                suspicionMult, suspicionMaxMult, awarenessMax, k, pushPullIntervalMs, reconnectIntervalMs,
                gossipToTheDeadMs, maxFrameBytes, maxQueueDepth, linkTablePeers, dutyCyclePermille,
                loraSpreadingFactor, overhearing);
    }

    private static long scale(long ms, double factor) {
        return Math.max(1, Math.round(ms * factor));
    }

    /** Retransmits per update for a cluster of n members: λ·ceil(log10(n+1)). */
    public int retransmitLimit(int members) {
        return retransmitMult * (int) Math.ceil(Math.log10(members + 1.0));
    }

    /**
     * memberlist's push-pull scaling: the base interval up to 32 members, times
     * ceil(log2 n − log2 32) + 1 above (180 s at 1k, 300 s at 10k for a 30 s base).
     */
    public long pushPullIntervalFor(int members) {
        if (pushPullIntervalMs == 0 || members <= 32) {
            return pushPullIntervalMs;
        }
        double mult = Math.ceil(Math.log(members) / Math.log(2) - 5.0) + 1.0;
        return (long) (pushPullIntervalMs * mult);
    }
}
