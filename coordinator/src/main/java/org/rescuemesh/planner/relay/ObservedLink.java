package org.rescuemesh.planner.relay;

/**
 * A link between two nodes that is measured to work right now (e.g. finite ETX in the latest
 * link reports). The planner trusts it even where the prediction says the link fails:
 * measurement beats prediction.
 */
public record ObservedLink(String nodeA, String nodeB) {

    public ObservedLink {
        if (nodeA == null || nodeA.isBlank() || nodeB == null || nodeB.isBlank()) {
            throw new IllegalArgumentException("observed link needs two node ids");
        }
        if (nodeA.equals(nodeB)) {
            throw new IllegalArgumentException("observed link from " + nodeA + " to itself");
        }
    }
}
