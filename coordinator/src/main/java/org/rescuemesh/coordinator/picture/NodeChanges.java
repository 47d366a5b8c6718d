package org.rescuemesh.coordinator.picture;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/**
 * The node entries one write changed (a chunk of ingest, a member state), published once per
 * write on {@link #TOPIC} for every member's live feed: one message per chunk instead of one
 * Hazelcast entry event per node, which cost more than the rest of the ingest path's partition
 * work together. Each change carries the version it was stored with, so a listener can drop a
 * change older than one it already passed on (messages of concurrent writes may arrive in either
 * order).
 */
public final class NodeChanges implements IdentifiedDataSerializable {

    static final String TOPIC = "rescuemesh.node-changes";

    private long[] versions;
    private byte[][] states;
    /**
     * Changes the publishing member put on the topic before this message (0 and meaningless for a
     * message passed on within the member): a listener on another member that sees this number
     * jump past what it received knows how many changes it missed (Hazelcast drops topic events
     * when a member's event queue is full, with only a log line of its own).
     */
    private long changesBefore;
    /** The states as the writer had them, for this member's own listeners (never serialized); may be null. */
    private org.rescuemesh.proto.v1.NodeState[] parsed;

    /** For Hazelcast's deserialization only. */
    public NodeChanges() {
    }

    /**
     * @param versions version each state was stored with ({@link VersionedValue#version})
     * @param states   serialized NodeStates, same order
     */
    NodeChanges(long[] versions, byte[][] states) {
        if (versions.length != states.length) {
            throw new IllegalArgumentException("one version per state");
        }
        this.versions = versions;
        this.states = states;
    }

    /** With the states as objects too, so this member's listeners need not parse them again. */
    NodeChanges(long[] versions, byte[][] states, org.rescuemesh.proto.v1.NodeState[] parsed) {
        this(versions, states);
        if (parsed.length != states.length) {
            throw new IllegalArgumentException("one parsed state per state");
        }
        this.parsed = parsed;
    }

    int size() {
        return states.length;
    }

    /** Numbers this message for the topic (see {@link #changesBefore()}); returns it. */
    NodeChanges publishedAfter(long changesBefore) {
        this.changesBefore = changesBefore;
        return this;
    }

    long changesBefore() {
        return changesBefore;
    }

    long version(int i) {
        return versions[i];
    }

    byte[] state(int i) {
        return states[i];
    }

    /** State {@code i} as an object when the writer passed it on this member, else null (parse {@link #state}). */
    org.rescuemesh.proto.v1.NodeState parsed(int i) {
        return parsed == null ? null : parsed[i];
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(changesBefore);
        out.writeInt(states.length);
        for (int i = 0; i < states.length; i++) {
            out.writeLong(versions[i]);
            out.writeByteArray(states[i]);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        changesBefore = in.readLong();
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative node change count");
        }
        versions = new long[n];
        states = new byte[n][];
        for (int i = 0; i < n; i++) {
            versions[i] = in.readLong();
            states[i] = in.readByteArray();
        }
    }

    @Override
    public int getFactoryId() {
        return PictureSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return PictureSerialization.NODE_CHANGES;
    }
}
