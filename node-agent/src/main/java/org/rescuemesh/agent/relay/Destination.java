package org.rescuemesh.agent.relay;

import org.rescuemesh.agent.NodeIdentity;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;

/**
 * Who a message is for, as written in {@code RelayMessage.to}: one node ({@code node:ID}), every
 * member whose gossiped state names a team ({@code team:NAME}), every coordinator
 * ({@code coordinator}) or everyone ({@code broadcast}).
 */
public record Destination(Kind kind, String name) {

    public enum Kind { NODE, TEAM, COORDINATOR, BROADCAST }

    public Destination {
        if ((kind == Kind.NODE || kind == Kind.TEAM) == (name == null || name.isEmpty())) {
            throw new IllegalArgumentException("node and team destinations need a name, the others none");
        }
    }

    /** Parses {@code node:ID}, {@code team:NAME}, {@code coordinator} or {@code broadcast}. */
    public static Destination parse(String to) {
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("'to' is required: node:ID, team:NAME, coordinator or broadcast");
        }
        if (to.equals("coordinator")) {
            return new Destination(Kind.COORDINATOR, null);
        }
        if (to.equals("broadcast")) {
            return new Destination(Kind.BROADCAST, null);
        }
        if (to.startsWith("node:")) {
            String id = to.substring(5);
            if (!NodeIdentity.isValid(id)) {
                throw new IllegalArgumentException("'to': '" + id + "' is not a node id (1..64 of [A-Za-z0-9._:-])");
            }
            return new Destination(Kind.NODE, id);
        }
        if (to.startsWith("team:")) {
            String team = to.substring(5);
            if (team.isEmpty() || team.length() > 64 || team.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("'to': team name must be 1..64 printable characters");
            }
            return new Destination(Kind.TEAM, team);
        }
        throw new IllegalArgumentException("'to' must be node:ID, team:NAME, coordinator or broadcast, not '"
                + (to.length() > 80 ? to.substring(0, 80) + "…" : to) + "'");
    }

    /** Whether this message is for a member with this id and gossiped state. */
    public boolean includes(String memberId, NodeState state) {
        return switch (kind) {
            case NODE -> name.equals(memberId);
            case TEAM -> name.equals(state.getTeam());
            case COORDINATOR -> state.getKind() == NodeKind.NODE_KIND_COORDINATOR;
            case BROADCAST -> true;
        };
    }

    /** More than one recipient possible: recipients carry it on to the others they meet. */
    public boolean multicast() {
        return kind != Kind.NODE;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NODE -> "node:" + name;
            case TEAM -> "team:" + name;
            case COORDINATOR -> "coordinator";
            case BROADCAST -> "broadcast";
        };
    }
}
