package org.rescuemesh.agent.link;

import java.util.List;

/**
 * Result of parsing one tool output: the rows understood and how many non-blank lines were not
 * (headers excluded), so a changed tool version shows up in the logs instead of silently.
 */
public record LinkParse<T>(List<T> rows, int skippedLines) {

    public LinkParse {
        rows = List.copyOf(rows);
    }
}
