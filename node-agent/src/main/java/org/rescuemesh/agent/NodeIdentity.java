package org.rescuemesh.agent;

/** Validation of node ids, which end up in URLs, file names and map labels. */
public final class NodeIdentity {

    /** Longest id: fits a map label and a file name on every file system we run on. */
    public static final int MAX_LENGTH = 64;

    private NodeIdentity() {
    }

    /**
     * True for 1..64 characters of {@code A-Z a-z 0-9 . _ : -}. A loop, not a regular expression:
     * the coordinator checks every agency position's id (100,000 a second), and the matcher's
     * allocation and dispatch were a few per cent of that path.
     */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException with the rule when {@code id} breaks it */
    public static String require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("node id '" + id + "' must be 1..64 characters of A-Z a-z 0-9 . _ : -");
        }
        return id;
    }
}
