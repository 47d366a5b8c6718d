/**
 * Propagation over terrain: what the radio layer's models predict along the terrain layer's
 * profiles.
 *
 * <p>{@link org.rescuemesh.planner.propagation.CoverageRasterizer} turns a
 * {@link org.rescuemesh.planner.propagation.CoverageRequest} (transmitter, heights, frequency,
 * ERP, radius, model, ITM parameters) into a
 * {@link org.rescuemesh.planner.propagation.ReceivedPowerRaster} (dBm per DEM cell, NaN where
 * not computed) by a {@link org.rescuemesh.planner.propagation.RadialSweep}: one profile per ray
 * to the perimeter, one ITM call per cell on the prefix ending at the ray sample nearest the cell
 * centre. The {@code coverage} CLI writes it as a GeoTIFF.
 *
 * <p>The relay planner's seams on real terrain:
 * {@link org.rescuemesh.planner.propagation.ItmLinkPredictor} (a
 * {@link org.rescuemesh.planner.relay.LinkPredictor}),
 * {@link org.rescuemesh.planner.propagation.DemHeightFunction} (a
 * {@link org.rescuemesh.planner.relay.HeightFunction}),
 * {@link org.rescuemesh.planner.propagation.LinkMarginRaster} (a
 * {@link org.rescuemesh.planner.coverage.CoverageRaster} for search-area coverage and gaps) and
 * {@link org.rescuemesh.planner.propagation.CoverageGrids} (terrain grid and CRS to the coverage
 * package's).
 */
package org.rescuemesh.planner.propagation;
