package org.rescuemesh.agent.relay;

import java.io.IOException;
import java.nio.file.Path;
import org.rescuemesh.gossip.transport.SwimMesh;
import org.rescuemesh.proto.v1.NodeState;

/** Wires store-and-forward messages onto a {@link SwimMesh}: journal, core, service and the mesh hooks. */
public final class SwimRelay {

    /** The journal's file name inside the agent's data directory. */
    public static final String JOURNAL = "messages.journal";

    private SwimRelay() {
    }

    /**
     * Opens (replays) the journal in {@code dataDir} and hooks relay traffic of {@code mesh} to
     * it. Call before {@code mesh.start()}; call {@link RelayService#start} after it.
     *
     * @param profile this node's id, team and kind
     */
    public static RelayService attach(SwimMesh mesh, Path dataDir, NodeState profile, RelayConfig config,
                                      int maxFrameBytes) throws IOException {
        MessageJournal journal = MessageJournal.open(dataDir.resolve(JOURNAL));
        RelayCore core;
        try {
            core = new RelayCore(profile.getNodeId(), profile, config, journal);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        RelayService service = new RelayService(core, journal, mesh::members, mesh::sendRelay, maxFrameBytes,
                System::currentTimeMillis);
        mesh.setRelayHandler(service::onMessage);
        mesh.addListener(service::memberChanged);
        return service;
    }
}
