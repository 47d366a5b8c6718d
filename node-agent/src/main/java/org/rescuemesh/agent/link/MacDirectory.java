package org.rescuemesh.agent.link;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * Which member owns which radio MAC address, from the {@code mesh_macs} each member gossips in its
 * state. A MAC claimed by several members names nobody unless exactly one of them is alive or
 * suspect (a node restarted under a new id leaves its old, dead record claiming the same radio).
 */
public final class MacDirectory {

    /** How an address resolved. */
    public enum Resolution { MEMBER, SELF, AMBIGUOUS, UNKNOWN }

    private final Map<MacAddress, String> owners;
    private final Set<MacAddress> ambiguous;
    private final Set<MacAddress> own;
    private final int malformed;

    private MacDirectory(Map<MacAddress, String> owners, Set<MacAddress> ambiguous, Set<MacAddress> own, int malformed) {
        this.owners = Map.copyOf(owners);
        this.ambiguous = Set.copyOf(ambiguous);
        this.own = Set.copyOf(own);
        this.malformed = malformed;
    }

    /**
     * @param selfId  this node (its own MACs are never a peer's)
     * @param ownMacs this node's MACs
     */
    public static MacDirectory of(Collection<MemberView> members, String selfId, Collection<MacAddress> ownMacs) {
        Map<MacAddress, List<MemberView>> claims = new HashMap<>();
        int malformed = 0;
        for (MemberView m : members) {
            if (m.id().equals(selfId)) {
                continue;
            }
            for (ByteString raw : m.state().getMeshMacsList()) {
                if (raw.size() != MacAddress.BYTES) {
                    malformed++;
                    continue;
                }
                claims.computeIfAbsent(MacAddress.of(raw), k -> new ArrayList<>(1)).add(m);
            }
        }
        Set<MacAddress> own = new HashSet<>(ownMacs);
        Map<MacAddress, String> owners = new HashMap<>();
        Set<MacAddress> ambiguous = new HashSet<>();
        claims.forEach((mac, claimants) -> {
            if (own.contains(mac)) {
                return; // a peer gossiping our address: trust our own interfaces
            }
            Optional<String> owner = soleOwner(claimants);
            if (owner.isPresent()) {
                owners.put(mac, owner.get());
            } else {
                ambiguous.add(mac);
            }
        });
        return new MacDirectory(owners, ambiguous, own, malformed);
    }

    private static Optional<String> soleOwner(List<MemberView> claimants) {
        Set<String> ids = new HashSet<>();
        claimants.forEach(c -> ids.add(c.id()));
        if (ids.size() == 1) {
            return Optional.of(claimants.get(0).id());
        }
        Set<String> live = new HashSet<>();
        for (MemberView c : claimants) {
            if (c.status() == NodeStatus.NODE_STATUS_ALIVE || c.status() == NodeStatus.NODE_STATUS_SUSPECT) {
                live.add(c.id());
            }
        }
        return live.size() == 1 ? Optional.of(live.iterator().next()) : Optional.empty();
    }

    public Resolution resolve(MacAddress mac) {
        if (own.contains(mac)) {
            return Resolution.SELF;
        }
        if (owners.containsKey(mac)) {
            return Resolution.MEMBER;
        }
        return ambiguous.contains(mac) ? Resolution.AMBIGUOUS : Resolution.UNKNOWN;
    }

    /** The member owning this MAC, when exactly one does. */
    public Optional<String> owner(MacAddress mac) {
        return Optional.ofNullable(owners.get(mac));
    }

    /** Gossiped {@code mesh_macs} entries that were not 6 bytes long (ignored). */
    public int malformedEntries() {
        return malformed;
    }

    public int size() {
        return owners.size();
    }
}
