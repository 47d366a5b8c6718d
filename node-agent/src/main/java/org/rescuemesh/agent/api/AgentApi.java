package org.rescuemesh.agent.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.rescuemesh.agent.relay.RelayService;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.rescuemesh.agent.link.CommandLinkSource;
import org.rescuemesh.agent.link.RadioLinks;
import org.rescuemesh.agent.NodeAgent;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.proto.v1.NodeStatus;

/** The agent's local HTTP API (DESIGN.md "Agent local API"), for the team's own devices. */
public final class AgentApi {

    private final NodeAgent agent;
    private final Supplier<List<CommandLinkSource.Counts>> linkSources;
    private final RelayService relay;

    public AgentApi(NodeAgent agent) {
        this(agent, List::of);
    }

    /** @param linkSources how the link tools fared so far (the agent's {@code LinkPoller}) */
    public AgentApi(NodeAgent agent, Supplier<List<CommandLinkSource.Counts>> linkSources) {
        this(agent, linkSources, null);
    }

    /** @param relay the message store and forwarder; null: the message endpoints answer 503 */
    public AgentApi(NodeAgent agent, Supplier<List<CommandLinkSource.Counts>> linkSources, RelayService relay) {
        this.agent = agent;
        this.linkSources = linkSources;
        this.relay = relay;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/api/v1/self").handler(this::self);
        router.get("/api/v1/members").handler(this::members);
        MessageRoutes messages = new MessageRoutes(relay);
        router.post("/api/v1/messages").handler(BodyHandler.create(false).setBodyLimit(MessageRoutes.MAX_BODY_BYTES))
                .handler(messages::post);
        router.get("/api/v1/messages").handler(messages::list);
        router.get("/api/v1/messages/:id").handler(messages::get);
        router.route().last().handler(ctx -> error(ctx, 404, "not_found", "no such endpoint: " + ctx.request().path()));
        router.route().failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                error(ctx, 413, "too_large", "request body over " + MessageRoutes.MAX_BODY_BYTES + " bytes");
            } else {
                error(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, "internal", "the agent could not answer this request");
            }
        });
        return router;
    }

    public Future<HttpServer> listen(Vertx vertx, InetSocketAddress bind) {
        return vertx.createHttpServer().requestHandler(router(vertx)).listen(bind.getPort(), bind.getHostString());
    }

    private void self(RoutingContext ctx) {
        JsonObject o = StateJson.node(agent.currentState(), NodeStatus.NODE_STATUS_ALIVE);
        JsonArray macs = new JsonArray();
        agent.meshMacs().forEach(mac -> macs.add(mac.toString()));
        o.put("meshMacs", macs).put("linkSources", linkSourcesJson());
        if (relay == null) {
            json(ctx, 200, o.encode());
            return;
        }
        io.vertx.core.Future.fromCompletionStage(relay.stats(), ctx.vertx().getOrCreateContext()).onComplete(r -> {
            if (r.succeeded()) {
                o.put("messages", JsonObject.mapFrom(r.result()));
            }
            json(ctx, 200, o.encode());
        });
    }

    /** Tool runs by outcome and how the last round's MACs resolved; what an operator checks first. */
    private JsonObject linkSourcesJson() {
        JsonArray tools = new JsonArray();
        for (CommandLinkSource.Counts c : linkSources.get()) {
            tools.add(new JsonObject().put("name", c.name()).put("command", c.command()).put("ok", c.ok())
                    .put("failed", c.failed()).put("timedOut", c.timedOut()).put("disabled", c.disabled())
                    .put("unparsedLines", c.unparsedLines()));
        }
        RadioLinks.Counts r = agent.radioLinks().counts();
        return new JsonObject().put("tools", tools)
                .put("rounds", r.rounds())
                .put("samplesAttached", r.samplesAttached())
                .put("samplesUnknownMac", r.samplesUnknownMac())
                .put("samplesAmbiguousMac", r.samplesAmbiguousMac())
                .put("unknownMacs", new JsonArray(r.unknownMacs()))
                .put("membersWithRadio", agent.radioLinks().readings().size());
    }

    private void members(RoutingContext ctx) {
        JsonArray arr = new JsonArray();
        agent.mesh().members().stream().sorted(Comparator.comparing(MemberView::id))
                .forEach(m -> arr.add(StateJson.member(m, agent.radioLinks().reading(m.id()))));
        json(ctx, 200, arr.encode());
    }

    static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }

    static void error(RoutingContext ctx, int status, String code, String message) {
        json(ctx, status, new JsonObject().put("error", code).put("message", message).encode());
    }
}
