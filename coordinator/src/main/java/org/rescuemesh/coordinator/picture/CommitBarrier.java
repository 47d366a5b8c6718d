package org.rescuemesh.coordinator.picture;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits until the members that own some just-written entries have committed them to their
 * databases: the local one directly, others with one small executor task each (however many
 * entries they own). Under write-through every member registers its {@link PictureDatabase} in
 * Hazelcast's user context under {@link #CONTEXT_KEY}; without one (memory only, write-behind)
 * there is no commit to wait for, but other owners must still answer (see {@link #on}).
 */
final class CommitBarrier {

    static final String CONTEXT_KEY = "rescuemesh.picture.write-through-database";
    private static final String EXECUTOR = "rescuemesh.picture.commits";

    private final HazelcastInstance hz;

    CommitBarrier(HazelcastInstance hz) {
        this.hz = hz;
    }

    /** True when writes on this member are staged for a group commit that acknowledgements wait for. */
    boolean active() {
        return hz.getUserContext().get(CONTEXT_KEY) instanceof PictureDatabase;
    }

    /**
     * Completes once every member of {@code owners} committed what it had staged before this call
     * (nothing to commit without write-through) — and, for the other members, once each answered
     * a task sent after the write: an owner that answers was still running normally after it
     * applied the write. If an owner is gone or cannot answer, the future fails and the write is
     * not acknowledged; the sender retries, and duplicates are idempotent.
     */
    CompletableFuture<Void> on(Collection<Member> owners) {
        if (owners.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> all = new ArrayList<>(owners.size());
        IExecutorService executor = null;
        for (Member m : owners) {
            if (m.localMember()) {
                if (active()) {
                    all.add(((PictureDatabase) hz.getUserContext().get(CONTEXT_KEY)).commitBarrier());
                }
            } else {
                if (executor == null) {
                    executor = hz.getExecutorService(EXECUTOR);
                }
                CompletableFuture<Boolean> remote = new CompletableFuture<>();
                executor.submitToMember(new AwaitCommit(), m, new com.hazelcast.core.ExecutionCallback<Boolean>() {
                    @Override
                    public void onResponse(Boolean response) {
                        remote.complete(response);
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        remote.completeExceptionally(t);
                    }
                });
                all.add(HazelcastPictureStore.direct(remote));
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** Runs on an owner: returns once its database committed what was staged before the task arrived. */
    public static final class AwaitCommit implements Callable<Boolean>, DataSerializable, HazelcastInstanceAware {
        private transient HazelcastInstance hz;

        public AwaitCommit() {
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hz = hazelcastInstance;
        }

        @Override
        public Boolean call() throws Exception {
            Object db = hz.getUserContext().get(CONTEXT_KEY);
            if (db instanceof PictureDatabase d) {
                d.commitBarrier().get(30, TimeUnit.SECONDS);
            }
            return Boolean.TRUE;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }
}
