package org.rescuemesh.agent.relay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rescuemesh.gossip.FrameBudget;
import org.rescuemesh.proto.v1.GossipMessage;

/**
 * Packs the core's sends into frames per member: as many as fit the datagram budget share one
 * UDP frame (receipts are tiny and usually travel together); a message that alone exceeds it is a
 * frame of its own, which the transport sends over TCP.
 */
public final class RelayFrames {

    private RelayFrames() {
    }

    /** Frames per member, in the order the core produced the sends (priority order). */
    public static Map<String, List<List<GossipMessage>>> pack(List<RelayOut> outs, int budgetBytes) {
        Map<String, List<List<GossipMessage>>> frames = new LinkedHashMap<>();
        Map<String, Integer> used = new LinkedHashMap<>();
        for (RelayOut o : outs) {
            int bytes = FrameBudget.messageBytes(o.message());
            List<List<GossipMessage>> mine = frames.computeIfAbsent(o.peerId(), k -> new ArrayList<>());
            int u = used.getOrDefault(o.peerId(), Integer.MAX_VALUE);
            if (mine.isEmpty() || u + bytes > budgetBytes) {
                mine.add(new ArrayList<>());
                u = 0;
            }
            mine.get(mine.size() - 1).add(o.message());
            used.put(o.peerId(), u + bytes);
        }
        return frames;
    }
}
