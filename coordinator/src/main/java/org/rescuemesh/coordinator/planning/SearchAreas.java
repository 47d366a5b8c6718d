package org.rescuemesh.coordinator.planning;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.rescuemesh.coordinator.picture.PictureStore;
import org.rescuemesh.coordinator.picture.PictureStore.DocumentKind;
import org.rescuemesh.planner.coverage.GeoFactory;
import org.rescuemesh.planner.coverage.SearchArea;

/**
 * The search areas planning works on: those of the planning context (given at start-up) and
 * those operators draw at run time, kept in the shared picture so that every member plans over
 * the same areas and a restart keeps them. A deleted area stays as a tombstone: under the
 * cluster's last-write-wins merge a plain removal on one side of a split would come back from
 * the other side.
 */
public final class SearchAreas {

    private static final Logger LOG = Logger.getLogger(SearchAreas.class.getName());
    /** Ids travel in URLs and file names: keep them plain. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** One search area polygon may have at most this many vertices (a hand-drawn area has tens). */
    static final int MAX_VERTICES = 10_000;

    /** An area and where it comes from. */
    public record Entry(SearchArea area, boolean builtIn, Instant updatedAt) {
    }

    private final PlanningContext context;
    private final PictureStore store;

    public SearchAreas(PlanningContext context, PictureStore store) {
        this.context = context;
        this.store = store;
    }

    /** Every current area: built-in first, then the operators' by id. Blocks on the store. */
    public List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        context.searchAreas().forEach(a -> out.add(new Entry(a, true, null)));
        for (String id : store.documentIds(DocumentKind.SEARCH_AREA)) {
            if (isBuiltIn(id)) {
                continue;
            }
            try {
                stored(id).ifPresent(out::add);
            } catch (RuntimeException e) {
                // validated when written; an unreadable record must not hide every other area
                LOG.warning("stored search area '" + id + "' skipped: " + e.getMessage());
            }
        }
        return out;
    }

    public List<SearchArea> areas() {
        return all().stream().map(Entry::area).toList();
    }

    public Optional<Entry> get(String id) {
        for (SearchArea a : context.searchAreas()) {
            if (a.id().equals(id)) {
                return Optional.of(new Entry(a, true, null));
            }
        }
        return stored(id);
    }

    private Optional<Entry> stored(String id) {
        return store.document(DocumentKind.SEARCH_AREA, id).flatMap(json -> {
            JsonObject doc = new JsonObject(json);
            if (doc.getBoolean("deleted", false)) {
                return Optional.empty();
            }
            Instant at = Instant.parse(doc.getString("updatedAt"));
            return Optional.of(new Entry(SearchArea.fromWkt(id, doc.getString("name"), doc.getString("wkt")), false, at));
        });
    }

    /**
     * Parses and validates an area from a request body: a GeoJSON Feature with a Polygon geometry
     * and an optional {@code name} property, or a bare Polygon geometry.
     *
     * @throws IllegalArgumentException naming what is wrong (unreadable JSON, not a polygon,
     *                                  self-intersecting, outside WGS 84, too many vertices …)
     */
    public SearchArea parse(String id, String body) {
        checkId(id);
        if (isBuiltIn(id)) {
            throw new IllegalArgumentException("search area '" + id + "' is given at start-up and cannot be changed here");
        }
        JsonObject json;
        try {
            json = new JsonObject(body == null ? "" : body);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("body must be a GeoJSON Feature or Polygon: " + e.getMessage());
        }
        String name = "";
        JsonObject geometry = json;
        if ("Feature".equals(json.getValue("type"))) {
            Object g = json.getValue("geometry");
            if (!(g instanceof JsonObject go)) {
                throw new IllegalArgumentException("the Feature has no geometry object");
            }
            geometry = go;
            Object props = json.getValue("properties");
            if (props instanceof JsonObject p && p.getValue("name") instanceof String n) {
                name = n;
            }
        }
        if (!"Polygon".equals(geometry.getValue("type"))) {
            throw new IllegalArgumentException("expected a GeoJSON Polygon (lon, lat order), got type " + geometry.getValue("type"));
        }
        Geometry parsed;
        try {
            parsed = new GeoJsonReader(GeoFactory.WGS84).read(geometry.encode());
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable GeoJSON polygon: " + e.getMessage());
        }
        if (parsed.getNumPoints() > MAX_VERTICES) {
            throw new IllegalArgumentException("search area has " + parsed.getNumPoints() + " vertices; at most "
                    + MAX_VERTICES);
        }
        return SearchArea.fromWkt(id, name, new WKTWriter().write(parsed));
    }

    /** Stores (creates or replaces) an operator's area. */
    public CompletionStage<Void> put(SearchArea area) {
        JsonObject doc = new JsonObject().put("id", area.id()).put("name", area.name())
                .put("wkt", new WKTWriter().write(area.polygon())).put("updatedAt", Instant.now().toString());
        return store.putDocument(DocumentKind.SEARCH_AREA, area.id(), doc.encode());
    }

    /** Replaces an operator's area by a tombstone. */
    public CompletionStage<Void> delete(String id) {
        checkId(id);
        if (isBuiltIn(id)) {
            throw new IllegalArgumentException("search area '" + id + "' is given at start-up and cannot be deleted here");
        }
        JsonObject doc = new JsonObject().put("id", id).put("deleted", true).put("updatedAt", Instant.now().toString());
        return store.putDocument(DocumentKind.SEARCH_AREA, id, doc.encode());
    }

    private boolean isBuiltIn(String id) {
        return context.searchAreas().stream().anyMatch(a -> a.id().equals(id));
    }

    static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("search area id must be 1–64 letters, digits, '.', '_' or '-', got '" + id + "'");
        }
    }

    /** The planning context with the current areas in place of the start-up ones. */
    public PlanningContext currentContext() {
        return new PlanningContext(context.dem(), context.commandPost(), context.commandPostHeightM(), areas(),
                context.defaultRadio());
    }
}
