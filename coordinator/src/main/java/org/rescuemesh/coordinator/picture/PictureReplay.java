package org.rescuemesh.coordinator.picture;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Restores the picture after a restart: every member merges the rows of its own database into
 * the cluster maps with {@link KeepLatestVersion}, so whichever member held the latest version of
 * a key (as primary owner at some point) brings it back, and an older copy on another member
 * never rolls it back. The replays run on all members at once, so another member's older row of a
 * key can reach the owner before the owner replayed its own newer row: the owner's write-through
 * then stages the older value into its database, which keeps the newer row ({@link
 * PictureDatabase} never replaces a row by an older version; {@code ReplayOrderTest}).
 */
final class PictureReplay {

    private static final Logger LOG = Logger.getLogger(PictureReplay.class.getName());
    /** Merges in flight at once: enough to keep partition threads busy without flooding them. */
    private static final int WINDOW = 512;

    private PictureReplay() {
    }

    static long run(HazelcastInstance hz, PictureDatabase db, List<String> maps) throws SQLException {
        long total = 0;
        for (String name : maps) {
            IMap<String, byte[]> map = hz.getMap(name);
            List<CompletableFuture<Boolean>> inFlight = new ArrayList<>(WINDOW);
            long[] n = {0};
            db.forEach(name, (k, v) -> {
                inFlight.add(HazelcastPictureStore.direct(map.submitToKey(k, new KeepLatestVersion(v))));
                n[0]++;
                if (inFlight.size() >= WINDOW) {
                    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
                    inFlight.clear();
                }
            });
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            if (n[0] > 0) {
                LOG.info("restored " + n[0] + " entries of " + name + " from the member database");
            }
            total += n[0];
        }
        return total;
    }
}
