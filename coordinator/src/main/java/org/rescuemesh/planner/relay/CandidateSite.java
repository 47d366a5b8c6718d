package org.rescuemesh.planner.relay;

import java.util.Objects;

/**
 * A place where a relay could be carried. {@code score} is what ranked it among generated
 * candidates (terrain height in m for peaks and ridges, the index for visibility candidates,
 * 0 for operator-supplied points); it does not influence the plan itself.
 */
public record CandidateSite(String id, GeoPoint position, CandidateOrigin origin, double score) {

    public CandidateSite {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("candidate id must not be blank");
        }
        Objects.requireNonNull(position, "candidate " + id + ": position must not be null");
        Objects.requireNonNull(origin, "candidate " + id + ": origin must not be null");
    }

    /** An operator-supplied candidate. */
    public static CandidateSite operator(String id, double lat, double lon) {
        return new CandidateSite(id, new GeoPoint(lat, lon), CandidateOrigin.OPERATOR, 0);
    }
}
