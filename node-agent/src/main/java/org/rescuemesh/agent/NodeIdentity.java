package org.rescuemesh.agent;

import java.util.regex.Pattern;

/** Validation of node ids, which end up in URLs, file names and map labels. */
public final class NodeIdentity {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private NodeIdentity() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** @throws IllegalArgumentException with the rule when {@code id} breaks it */
    public static String require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("node id '" + id + "' must be 1..64 characters of A-Z a-z 0-9 . _ : -");
        }
        return id;
    }
}
