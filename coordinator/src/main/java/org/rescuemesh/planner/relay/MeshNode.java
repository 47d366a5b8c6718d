package org.rescuemesh.planner.relay;

import java.util.Objects;

/** A node of the mission (field device, relay or the command post) with its radio site. */
public record MeshNode(String id, Site site) {

    public MeshNode {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank");
        }
        Objects.requireNonNull(site, "node " + id + ": site must not be null");
    }
}
