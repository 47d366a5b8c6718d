package org.rescuemesh.planner.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * GeoJSON (RFC 7946) of a coverage report: a FeatureCollection with one Polygon feature per
 * gap ({@code areaM2}, {@code rank}) and the report's figures as foreign members.
 */
public final class CoverageGeoJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CoverageGeoJson() {
    }

    public static String featureCollection(CoverageReport report) {
        GeoJsonWriter geometryWriter = new GeoJsonWriter();
        // RFC 7946 assumes WGS 84; a "crs" member is obsolete there.
        geometryWriter.setEncodeCRS(false);
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "FeatureCollection");
        root.put("searchAreaId", report.searchAreaId());
        root.put("radioProfile", report.radioProfile());
        root.put("areaM2", report.areaM2());
        root.put("coveredAreaM2", report.coveredAreaM2());
        root.put("coveredPct", 100.0 * report.coveredFraction());
        ArrayNode features = root.putArray("features");
        int rank = 1;
        try {
            for (CoverageGap gap : report.gaps()) {
                ObjectNode feature = features.addObject();
                feature.put("type", "Feature");
                feature.set("geometry", JSON.readTree(geometryWriter.write(gap.polygon())));
                ObjectNode properties = feature.putObject("properties");
                properties.put("rank", rank++);
                properties.put("areaM2", gap.areaM2());
            }
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // GeoJsonWriter output is always valid JSON; reaching this is a bug, not bad input.
            throw new IllegalStateException("could not assemble GeoJSON", e);
        }
    }
}
