package org.rescuemesh.agent;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Parses the "host:port" and "host:port,host:port" forms used by flags and config files. */
public final class HostPort {

    private HostPort() {
    }

    /** @throws IllegalArgumentException naming the bad value */
    public static InetSocketAddress parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty address; expected host:port");
        }
        String v = value.trim();
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new IllegalArgumentException("'" + value + "' is not host:port");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "': port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + value + "': port " + port + " outside 0..65535");
        }
        return new InetSocketAddress(host, port);
    }

    /** Parses a comma-separated list; an empty or null value is an empty list. */
    public static List<InetSocketAddress> parseList(String value) {
        List<InetSocketAddress> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return out;
    }

    public static String format(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
