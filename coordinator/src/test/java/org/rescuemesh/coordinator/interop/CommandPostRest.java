package org.rescuemesh.coordinator.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The REST calls the gateway tests make against a running coordinator, as an operator's client would. */
public final class CommandPostRest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    public CommandPostRest(int httpPort, String token) {
        this.base = "http://127.0.0.1:" + httpPort;
        this.token = token;
    }

    /** {@code GET path} with the token: the response body, after checking it is a 200. */
    public String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** {@code /api/v1/nodes/{id}}, or null while the node is not in the picture. */
    public JsonObject node(String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/" + id))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
    }

    /** The command post's received messages ({@code /api/v1/messages?direction=in}). */
    public JsonArray inbox() throws Exception {
        return new JsonArray(get("/api/v1/messages?direction=in"));
    }

    /** Sends an urgent message from the command post to everyone; returns the API's answer (202 checked). */
    public JsonObject broadcast(String text) throws Exception {
        String body = new JsonObject().put("to", "broadcast").put("text", text).put("priority", "urgent").encode();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/messages"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return new JsonObject(r.body());
    }
}
