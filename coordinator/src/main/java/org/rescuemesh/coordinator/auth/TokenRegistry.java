package org.rescuemesh.coordinator.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens and what they grant. The tokens file has one {@code token agency scope,scope… [rate=R[/B]]}
 * per line; blank lines and lines starting with # are ignored. {@code rate} is the token's limit
 * (positions per second for ingest, requests per second otherwise; burst B defaults to R); without
 * it the registry's default limit applies.
 */
public final class TokenRegistry {

    private final Map<String, Principal> byToken;

    private TokenRegistry(Map<String, Principal> byToken) {
        this.byToken = Map.copyOf(byToken);
    }

    /** A single all-powerful token (the demo token). */
    public static TokenRegistry single(String token, String agency) {
        return single(token, agency, RateLimit.UNLIMITED);
    }

    public static TokenRegistry single(String token, String agency, RateLimit limit) {
        requireUsable(token);
        return new TokenRegistry(Map.of(token, new Principal(agency, EnumSet.allOf(Scope.class), agency, limit)));
    }

    public static TokenRegistry load(Path file) throws IOException {
        return load(file, RateLimit.UNLIMITED);
    }

    public static TokenRegistry load(Path file, RateLimit defaultLimit) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString(), defaultLimit);
    }

    public static TokenRegistry parse(List<String> lines, String origin) {
        return parse(lines, origin, RateLimit.UNLIMITED);
    }

    static TokenRegistry parse(List<String> lines, String origin, RateLimit defaultLimit) {
        Map<String, Principal> map = new HashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 3 && parts.length != 4) {
                throw new IllegalArgumentException(origin + ":" + n + ": expected 'token agency scope,scope… [rate=R[/B]]'");
            }
            RateLimit limit = defaultLimit;
            if (parts.length == 4) {
                if (!parts[3].startsWith("rate=")) {
                    throw new IllegalArgumentException(origin + ":" + n + ": the fourth column must be rate=R[/B]");
                }
                try {
                    limit = RateLimit.parse(parts[3].substring(5));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(origin + ":" + n + ": " + e.getMessage());
                }
            }
            requireUsable(parts[0]);
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String s : parts[2].split(",")) {
                try {
                    scopes.add(Scope.parse(s));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(origin + ":" + n + ": " + e.getMessage());
                }
            }
            if (map.put(parts[0], new Principal(parts[1], scopes, parts[1] + "#line" + n, limit)) != null) {
                throw new IllegalArgumentException(origin + ":" + n + ": duplicate token");
            }
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException(origin + ": no tokens defined");
        }
        return new TokenRegistry(map);
    }

    private static void requireUsable(String token) {
        if (token == null || token.length() < 1 || !token.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("a token must be printable ASCII without spaces");
        }
    }

    /** Resolves an {@code Authorization} header value ("Bearer T"); empty when missing or unknown. */
    public Optional<Principal> authenticate(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        String h = authorizationHeader.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String presented = h.substring(7).strip();
        // Compare in constant time so a token cannot be guessed byte by byte from timings.
        Principal found = null;
        for (Map.Entry<String, Principal> e : byToken.entrySet()) {
            if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
