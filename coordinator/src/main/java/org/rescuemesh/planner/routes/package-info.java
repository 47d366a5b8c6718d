/**
 * Routes through the mesh towards the command post.
 *
 * <p>{@link org.rescuemesh.planner.routes.LinkGraph} fuses measured links (ETX from link
 * reports) with predicted ones (margin → ETX through a
 * {@link org.rescuemesh.planner.routes.PacketSuccessCurve}); it reports partitions and single
 * points of failure (cut vertices, bridges). {@link org.rescuemesh.planner.routes.RouteFinder}
 * gives each node its best route to the command post and a node-disjoint (else edge-disjoint)
 * backup.
 */
package org.rescuemesh.planner.routes;
