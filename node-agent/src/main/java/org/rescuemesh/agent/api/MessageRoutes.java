package org.rescuemesh.agent.api;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.agent.relay.RelayService;
import org.rescuemesh.agent.relay.StoredMessage;
import org.rescuemesh.proto.v1.RelayMessage;

/**
 * {@code /api/v1/messages}: submit store-and-forward messages, follow them, read what arrived.
 * The agent's local API mounts these handlers; the coordinator mounts the same ones behind its
 * token checks, so the command post speaks the agents' message API.
 */
public final class MessageRoutes {

    private static final Logger LOG = Logger.getLogger(MessageRoutes.class.getName());
    /** A 64 KiB attachment in base64 plus 4 KiB of text even if every character is escaped. */
    public static final int MAX_BODY_BYTES = 128 * 1024;
    /** Messages listed per call by default and at most (newest first). */
    static final int DEFAULT_LIST = 200;
    static final int MAX_LIST = 1000;

    private final RelayService relay;

    public MessageRoutes(RelayService relay) {
        this.relay = relay;
    }

    public void post(RoutingContext ctx) {
        if (unavailable(ctx)) {
            return;
        }
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            AgentApi.error(ctx, 400, "bad_json", "the body is not a JSON object");
            return;
        }
        if (body == null) {
            AgentApi.error(ctx, 400, "bad_json", "a JSON object body is required");
            return;
        }
        RelayMessage draft;
        try {
            draft = MessageRequest.parse(body);
        } catch (MessageRequest.Invalid e) {
            AgentApi.json(ctx, 400, new JsonObject().put("error", "invalid_field").put("field", e.field)
                    .put("message", e.getMessage()).encode());
            return;
        }
        // 202 only once the journal forced the message to disk
        on(ctx, relay.submit(draft)).onComplete(r -> {
            if (r.succeeded()) {
                AgentApi.json(ctx, 202, new JsonObject().put("id", r.result().id()).put("state", "accepted").encode());
            } else if (r.cause() instanceof IllegalArgumentException e) {
                AgentApi.json(ctx, 400, new JsonObject().put("error", "invalid_field").put("field", "to")
                        .put("message", e.getMessage()).encode());
            } else {
                LOG.log(Level.WARNING, "message not stored", r.cause());
                AgentApi.error(ctx, 503, "not_stored", "the message could not be written to disk"
                        + (r.cause() instanceof IOException io ? ": " + io.getMessage() : ""));
            }
        });
    }

    public void get(RoutingContext ctx) {
        if (unavailable(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        on(ctx, relay.message(id)).onComplete(r -> {
            if (r.failed()) {
                AgentApi.error(ctx, 503, "unavailable", "the message store is closed");
            } else if (r.result().isEmpty()) {
                AgentApi.error(ctx, 404, "not_found", "no message " + id + " here");
            } else {
                AgentApi.json(ctx, 200, MessageJson.message(r.result().get(), relay.nowMs(), true).encode());
            }
        });
    }

    public void list(RoutingContext ctx) {
        if (unavailable(ctx)) {
            return;
        }
        String direction = ctx.queryParams().get("direction");
        CompletableFuture<java.util.List<StoredMessage>> found;
        if (direction == null || direction.equals("in")) {
            found = relay.inbound();
        } else if (direction.equals("out")) {
            found = relay.outbound();
        } else {
            AgentApi.error(ctx, 400, "bad_query", "direction must be 'in' (received here) or 'out' (sent from here)");
            return;
        }
        String limitText = ctx.queryParams().get("limit");
        int limit;
        try {
            limit = limitText == null ? DEFAULT_LIST : Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIST) {
            AgentApi.error(ctx, 400, "bad_query", "limit must be 1.." + MAX_LIST);
            return;
        }
        int max = limit;
        on(ctx, found).onComplete(r -> {
            if (r.failed()) {
                AgentApi.error(ctx, 503, "unavailable", "the message store is closed");
                return;
            }
            long now = relay.nowMs();
            JsonArray arr = new JsonArray();
            r.result().stream().limit(max).forEach(s -> arr.add(MessageJson.message(s, now, false)));
            AgentApi.json(ctx, 200, arr.encode());
        });
    }

    private boolean unavailable(RoutingContext ctx) {
        if (relay == null) {
            AgentApi.error(ctx, 503, "messages_off", "this agent runs without a message store");
            return true;
        }
        return false;
    }

    /** Completes on the request's context, whatever thread the store answers on. */
    private static <T> Future<T> on(RoutingContext ctx, CompletableFuture<T> f) {
        return Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext());
    }
}
