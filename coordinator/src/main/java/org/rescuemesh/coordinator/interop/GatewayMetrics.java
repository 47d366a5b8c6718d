package org.rescuemesh.coordinator.interop;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.rescuemesh.coordinator.interop.meshtastic.MeshtasticRadioLink;
import org.rescuemesh.coordinator.interop.tak.TakStreamServer;

/**
 * What the gateways to other networks did, on {@code /metrics}: positions and messages taken in,
 * refused, sent out, per network and radio (empty for TAK; Prometheus wants one set of labels per
 * name) with whether each Meshtastic radio is connected — so the
 * command post sees at a glance that the TAK clients and the volunteers' radio are still feeding in.
 */
public final class GatewayMetrics {

    private GatewayMetrics() {
    }

    public static void tak(MeterRegistry registry, TakStreamServer tak) {
        counter(registry, "rescuemesh.gateway.positions", "positions taken in", tak, t -> t.counts().accepted(),
                "network", "tak", "radio", "");
        counter(registry, "rescuemesh.gateway.refused", "events, positions or chats refused", tak,
                t -> t.counts().rejected(), "network", "tak", "radio", "");
        counter(registry, "rescuemesh.gateway.messages", "chats taken in", tak, t -> t.counts().chats(),
                "network", "tak", "radio", "", "direction", "in");
        counter(registry, "rescuemesh.gateway.messages", "chats sent out", tak, t -> t.counts().chatsSent(),
                "network", "tak", "radio", "", "direction", "out");
    }

    public static void meshtastic(MeterRegistry registry, MeshtasticRadioLink radio, String address) {
        counter(registry, "rescuemesh.gateway.positions", "positions taken in", radio, r -> r.counts().accepted(),
                "network", "meshtastic", "radio", address);
        counter(registry, "rescuemesh.gateway.refused", "frames, positions or messages refused", radio,
                r -> r.counts().rejected(), "network", "meshtastic", "radio", address);
        counter(registry, "rescuemesh.gateway.messages", "texts taken in", radio, r -> r.counts().texts(),
                "network", "meshtastic", "radio", address, "direction", "in");
        counter(registry, "rescuemesh.gateway.messages", "texts sent out", radio, r -> r.counts().textsSent(),
                "network", "meshtastic", "radio", address, "direction", "out");
        Gauge.builder("rescuemesh.gateway.meshtastic.connected", radio, r -> r.counts().connected() ? 1 : 0)
                .description("1 while the Meshtastic radio's client API is connected").tag("radio", address)
                .register(registry);
    }

    private static <T> void counter(MeterRegistry registry, String name, String description, T source,
                                    ToDoubleFunction<T> count, String... tags) {
        FunctionCounter.builder(name, source, count).description(description).tags(tags).register(registry);
    }
}
