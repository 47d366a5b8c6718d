package org.rescuemesh.agent.mesh;

/** Receives membership changes from a {@link Mesh}. */
@FunctionalInterface
public interface MeshListener {
    void memberChanged(MemberView member);
}
