/**
 * Search areas and how well the radios cover them.
 *
 * <p>{@link org.rescuemesh.planner.coverage.SearchArea} is a validated WGS 84 polygon.
 * {@link org.rescuemesh.planner.coverage.SearchAreaCoverage} takes a
 * {@link org.rescuemesh.planner.coverage.CoverageRaster} (margin per cell, the seam to the
 * propagation layer) and reports the covered fraction and the gap polygons with their areas on
 * the ellipsoid, as WKT, GeoJSON ({@link org.rescuemesh.planner.coverage.CoverageGeoJson}) or
 * the {@code CoverageSummary} message. {@link org.rescuemesh.planner.coverage.SearchAreaSampler}
 * turns search areas into the sample cells the relay planner optimises over.
 */
package org.rescuemesh.planner.coverage;
