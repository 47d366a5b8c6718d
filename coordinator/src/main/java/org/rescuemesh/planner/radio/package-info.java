/**
 * Radio propagation and link budgets for the planner.
 *
 * <ul>
 *   <li>{@link org.rescuemesh.planner.radio.ItmPointToPoint} — ITM (Longley-Rice) point-to-point
 *       over a {@link org.rescuemesh.planner.radio.TerrainProfile} or a raw elevation buffer;
 *       one instance per thread, no array allocation per call. Returns an
 *       {@link org.rescuemesh.planner.radio.ItmResult} (loss, mode, warnings, intermediates).</li>
 *   <li>{@link org.rescuemesh.planner.radio.ItmArea} — ITM area mode (distance and Δh only).</li>
 *   <li>{@link org.rescuemesh.planner.radio.PathLossModel} with
 *       {@link org.rescuemesh.planner.radio.FreeSpacePathLoss},
 *       {@link org.rescuemesh.planner.radio.TwoRayPathLoss},
 *       {@link org.rescuemesh.planner.radio.KnifeEdgePathLoss} (ITU-R P.526, Deygout, ≤ 3 edges) and
 *       {@link org.rescuemesh.planner.radio.ItmPathLoss}.</li>
 *   <li>{@link org.rescuemesh.planner.radio.RadioProfile} and
 *       {@link org.rescuemesh.planner.radio.RadioCatalogue} — Tx power, gains, losses, sensitivity,
 *       link margin; {@link org.rescuemesh.planner.radio.DipoleErp} for the ERP convention of the
 *       {@code coverage} command.</li>
 * </ul>
 * Everything is plain computation (no I/O); invalid input raises {@link IllegalArgumentException}
 * with a message naming the input.
 */
package org.rescuemesh.planner.radio;
