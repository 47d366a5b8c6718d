package org.rescuemesh.coordinator.planning;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Planning jobs run one at a time on a thread of their own, never on an event loop or on
 * Vert.x's worker pool, so a long plan cannot starve the API. The planner already spreads one
 * job over all cores; running two at once would only make both late. The last {@value #KEEP}
 * jobs are kept for their results.
 */
public final class PlanJobs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PlanJobs.class.getName());
    static final int KEEP = 20;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "planner");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, PlanJob> jobs = new LinkedHashMap<>();
    private final Consumer<PlanJob> onEnd;

    /** @param onEnd called on the planner thread with every job that has ended (done, failed or cancelled) */
    public PlanJobs(Consumer<PlanJob> onEnd) {
        this.onEnd = onEnd;
    }

    /** Jobs kept in memory only. */
    public PlanJobs() {
        this(job -> { });
    }

    /** Queues {@code work}; the job reports {@code parameters} back and its result under {@code resultField}. */
    public synchronized PlanJob submit(String kind, JsonObject parameters, String resultField, PlanJob.Work work) {
        PlanJob job = new PlanJob(kind, parameters, resultField);
        jobs.put(job.id(), job);
        while (jobs.size() > KEEP) {
            jobs.remove(jobs.keySet().iterator().next());
        }
        executor.execute(() -> {
            run(job, work);
            try {
                onEnd.accept(job);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not record the end of " + job.kind() + " job " + job.id(), e);
            }
        });
        return job;
    }

    private static void run(PlanJob job, PlanJob.Work work) {
        if (job.cancellation().isCancelled()) {
            job.cancelled();
            return;
        }
        job.running();
        try {
            JsonObject result = work.run(job);
            if (job.cancellation().isCancelled()) {
                job.cancelled();
            } else {
                job.finished(result);
            }
        } catch (CancellationException e) {
            job.cancelled();
        } catch (Exception | LinkageError e) {
            if (job.cancellation().isCancelled()) {
                job.cancelled();
                return;
            }
            LOG.log(Level.WARNING, job.kind() + " job " + job.id() + " failed", e);
            job.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    public synchronized Optional<PlanJob> get(String kind, String id) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> j.kind().equals(kind));
    }

    public synchronized List<PlanJob> all(String kind) {
        List<PlanJob> out = new ArrayList<>();
        for (PlanJob j : jobs.values()) {
            if (j.kind().equals(kind)) {
                out.add(j);
            }
        }
        return out;
    }

    /** Cancels a queued or running job; true when it exists. */
    public synchronized boolean cancel(String kind, String id) {
        Optional<PlanJob> job = get(kind, id);
        job.ifPresent(PlanJob::cancel);
        return job.isPresent();
    }

    @Override
    public void close() {
        synchronized (this) {
            jobs.values().forEach(PlanJob::cancel);
        }
        executor.shutdownNow();
    }
}
