package org.rescuemesh.coordinator.picture;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the member database in step with what the member owns. Write-through only reaches the
 * database of the primary owner at write time; when partitions move (a member joins, leaves or
 * dies and a backup is promoted), the new owner has the entries in memory but not on disk. After
 * each migration round this copies the locally owned entries into the database (never over a
 * later version), so a full restart finds every entry on some member's disk.
 */
final class PictureResync implements MigrationListener, MembershipListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PictureResync.class.getName());
    private static final int CHUNK = 1_000;

    private final HazelcastInstance hz;
    private final PictureDatabase db;
    private final List<String> maps;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "picture-resync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();

    PictureResync(HazelcastInstance hz, PictureDatabase db, List<String> maps) {
        this.hz = hz;
        this.db = db;
        this.maps = maps;
    }

    void install() {
        hz.getPartitionService().addMigrationListener(this);
        hz.getCluster().addMembershipListener(this);
    }

    /** Schedules one re-sync; requests arriving while one is pending are coalesced. */
    void request() {
        if (pending.compareAndSet(false, true)) {
            worker.schedule(this::resync, 500, TimeUnit.MILLISECONDS);
        }
    }

    private void resync() {
        pending.set(false);
        if (!hz.getLifecycleService().isRunning()) {
            return;
        }
        try {
            for (String name : maps) {
                IMap<String, byte[]> map = hz.getMap(name);
                List<String> keys = new ArrayList<>(map.localKeySet());
                for (int i = 0; i < keys.size(); i += CHUNK) {
                    Map<String, byte[]> values = new HashMap<>(map.getAll(new java.util.HashSet<>(
                            keys.subList(i, Math.min(keys.size(), i + CHUNK)))));
                    db.upsertIfNotOlder(name, values);
                }
            }
        } catch (Exception e) {
            if (hz.getLifecycleService().isRunning()) {
                LOG.log(Level.WARNING, "picture re-sync failed; retrying", e);
                request();
            }
        }
    }

    @Override
    public void migrationStarted(MigrationState state) {
    }

    @Override
    public void migrationFinished(MigrationState state) {
        request();
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
    }

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        request();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        request();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
