package org.rescuemesh.coordinator.auth;

import java.util.Locale;

/** What a token may do. */
public enum Scope {
    /** Publish positions. */
    INGEST,
    /** Read the picture (REST, WebSocket, map). */
    READ,
    /** Run and store plans. */
    PLAN,
    /** Everything, including search areas and configuration. */
    ADMIN;

    public static Scope parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scope '" + s + "' (ingest, read, plan, admin)");
        }
    }
}
