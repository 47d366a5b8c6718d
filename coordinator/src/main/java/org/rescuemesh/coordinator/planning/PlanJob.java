package org.rescuemesh.coordinator.planning;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.rescuemesh.planner.relay.Cancellation;

/**
 * One planning computation run in the background: what was asked, where it stands, and what it
 * produced (a JSON result and, for some kinds, images such as a coverage overlay).
 */
public final class PlanJob {

    /** The computation itself; it reports progress and checks the cancellation often. */
    @FunctionalInterface
    public interface Work {
        JsonObject run(PlanJob job) throws Exception;
    }

    public enum State {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED;

        public boolean isFinal() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }

        String json() {
            return name().toLowerCase();
        }
    }

    private final String id = UUID.randomUUID().toString();
    private final Instant submittedAt = Instant.now();
    private final Cancellation cancellation = Cancellation.create();
    private final String kind;
    private final JsonObject parameters;
    private final String resultField;
    private final Map<String, byte[]> images = new ConcurrentHashMap<>();
    private volatile State state = State.QUEUED;
    private volatile String phase = "";
    private volatile long done;
    private volatile long total;
    private volatile JsonObject result;
    private volatile String error;

    /**
     * @param kind        e.g. "relays", "coverage" (the URL segment under /api/v1/plans)
     * @param parameters  the request as the job reports it back (copied)
     * @param resultField name of the result member in {@link #toJson()}
     */
    PlanJob(String kind, JsonObject parameters, String resultField) {
        this.kind = kind;
        this.parameters = parameters.copy();
        this.resultField = resultField;
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public State state() {
        return state;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    /** Progress of the running phase; called from the planner thread. */
    public void progress(String phase, long done, long total) {
        this.phase = phase;
        this.done = done;
        this.total = total;
    }

    /** Keeps an image the result refers to (served under the job's URL). */
    public void putImage(String name, byte[] png) {
        images.put(name, png.clone());
    }

    public Optional<byte[]> image(String name) {
        return Optional.ofNullable(images.get(name)).map(byte[]::clone);
    }

    void running() {
        state = State.RUNNING;
    }

    void finished(JsonObject result) {
        this.result = result;
        state = State.DONE;
    }

    void failed(String error) {
        this.error = error;
        state = State.FAILED;
    }

    void cancelled() {
        state = State.CANCELLED;
    }

    /** Asks the job to stop; a queued job never starts. */
    void cancel() {
        cancellation.cancel();
        if (state == State.QUEUED) {
            state = State.CANCELLED;
        }
    }

    /**
     * The job as stored in the shared picture once it has ended: its JSON plus its images
     * (base64), so that any member can answer for it and a restart keeps it.
     */
    public JsonObject toDocument() {
        JsonObject imgs = new JsonObject();
        images.forEach((name, png) -> imgs.put(name, java.util.Base64.getEncoder().encodeToString(png)));
        return toJson().put("images", imgs);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("id", id).put("kind", kind).put("state", state.json());
        parameters.forEach(e -> o.put(e.getKey(), e.getValue()));
        o.put("submittedAt", submittedAt.toString())
                .put("progress", new JsonObject().put("phase", phase).put("done", done).put("total", total));
        JsonObject r = result;
        if (r != null) {
            o.put(resultField, r.copy());
        }
        if (error != null) {
            o.put("error", error);
        }
        return o;
    }
}
