package org.rescuemesh.agent.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The radio's view of each member's link, kept next to the probe measurements: samples of the
 * link tools (keyed by MAC) attached to the members that gossip those MACs. Sans-I/O: fed with
 * one round of samples and a {@link MacDirectory} at a time; readers get immutable snapshots.
 * Samples whose MAC no member claims (a neighbour without an agent, or an agent that has not
 * gossiped its MACs yet) are counted and listed, never attached to anyone.
 */
public final class RadioLinks {

    /** Unknown MACs listed in the counts at most (the count itself is exact). */
    static final int MAX_LISTED_UNKNOWN = 16;

    /**
     * Totals since start and what the last round left unmatched.
     *
     * @param rounds              rounds of samples matched
     * @param samplesAttached     samples attached to a member
     * @param samplesUnknownMac   samples whose address no member claims (or that is not a MAC)
     * @param samplesAmbiguousMac samples whose MAC several live members claim
     * @param unknownMacs         addresses of the last round no member claimed (at most 16)
     * @param lastRoundAtMs       wall-clock millis of the last round; 0 before the first
     */
    public record Counts(long rounds, long samplesAttached, long samplesUnknownMac, long samplesAmbiguousMac,
                         List<String> unknownMacs, long lastRoundAtMs) {
        public Counts {
            unknownMacs = List.copyOf(unknownMacs);
        }
    }

    /** One member's radio reading and when it was taken. */
    public record Reading(LinkSample sample, long sampledAtMs) {
    }

    private volatile Map<String, Reading> byMember = Map.of();
    private volatile Counts counts = new Counts(0, 0, 0, 0, List.of(), 0);

    /**
     * Replaces the readings with one round of samples (by peer address, as the sources key them).
     * A member heard under several of its MACs gets their fields combined (per field, the sample
     * of the lowest MAC that has it, so the result does not depend on map order).
     */
    public synchronized void accept(Map<String, LinkSample> samples, MacDirectory directory, long nowMs) {
        Map<String, List<LinkSample>> perMember = new LinkedHashMap<>();
        TreeSet<String> unknown = new TreeSet<>();
        long attached = 0;
        long unknownCount = 0;
        long ambiguousCount = 0;
        for (LinkSample sample : samples.values()) {
            MacAddress mac;
            try {
                mac = MacAddress.parse(sample.peerAddress());
            } catch (IllegalArgumentException notAMac) {
                // batctl without -n prints bat-hosts names: they name no gossiped radio.
                unknownCount++;
                unknown.add(sample.peerAddress());
                continue;
            }
            switch (directory.resolve(mac)) {
                case MEMBER -> {
                    attached++;
                    perMember.computeIfAbsent(directory.owner(mac).orElseThrow(), k -> new ArrayList<>(2)).add(sample);
                }
                case AMBIGUOUS -> ambiguousCount++;
                case UNKNOWN -> {
                    unknownCount++;
                    unknown.add(mac.toString());
                }
                case SELF -> {
                    // Our own radio seen through a loop in the tool's table: not a link.
                }
            }
        }
        Map<String, Reading> next = new LinkedHashMap<>();
        perMember.forEach((id, list) -> {
            list.sort(java.util.Comparator.comparing(LinkSample::peerAddress));
            LinkSample merged = list.get(0);
            for (int i = 1; i < list.size(); i++) {
                merged = merged.combine(list.get(i).withPeerAddress(merged.peerAddress()));
            }
            next.put(id, new Reading(merged, nowMs));
        });
        byMember = Map.copyOf(next);
        Counts c = counts;
        counts = new Counts(c.rounds() + 1, c.samplesAttached() + attached, c.samplesUnknownMac() + unknownCount,
                c.samplesAmbiguousMac() + ambiguousCount,
                unknown.stream().limit(MAX_LISTED_UNKNOWN).toList(), nowMs);
    }

    /** The radio's last reading of this member's link, if the last round had one. */
    public Optional<Reading> reading(String memberId) {
        return Optional.ofNullable(byMember.get(memberId));
    }

    public Map<String, Reading> readings() {
        return byMember;
    }

    public Counts counts() {
        return counts;
    }
}
