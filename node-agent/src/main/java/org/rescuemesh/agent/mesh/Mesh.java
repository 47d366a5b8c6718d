package org.rescuemesh.agent.mesh;

import java.net.InetSocketAddress;
import java.util.List;
import org.rescuemesh.proto.v1.NodeState;

/**
 * The agent's view of the gossip fabric: what it publishes about itself and what it knows of
 * everyone else. Implementations own their sockets; callers never block on them.
 */
public interface Mesh extends AutoCloseable {

    /** Binds the gossip endpoint, contacts the seeds and returns the bound address. */
    InetSocketAddress start() throws Exception;

    /**
     * Replaces the state this node disseminates (position, battery, links, SOS). Before
     * {@link #start()} it sets the state the first frames carry.
     */
    void publishLocalState(NodeState state);

    /** Snapshot of all members known, this node included. */
    List<MemberView> members();

    /** Called (on an I/O thread: do not block) whenever a member's status or state changes. */
    void addListener(MeshListener listener);

    /** Leaves gracefully (announces leave where the implementation supports it) and unbinds. */
    @Override
    void close();
}
