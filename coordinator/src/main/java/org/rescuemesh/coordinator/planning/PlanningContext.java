package org.rescuemesh.coordinator.planning;

import java.util.List;
import org.rescuemesh.planner.coverage.SearchArea;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.terrain.ElevationGrid;

/**
 * What the coordinator plans over: the terrain, where the command post stands and the search
 * areas. Immutable; a coordinator without a DEM has no planning context.
 *
 * @param dem                 terrain of the operation
 * @param commandPost         position of the command post's radio
 * @param commandPostHeightM  its antenna height above ground
 * @param searchAreas         search areas to cover
 * @param defaultRadio        radio profile of relays and of nodes that report none known to the catalogue
 */
public record PlanningContext(ElevationGrid dem, GeoPoint commandPost, double commandPostHeightM,
                              List<SearchArea> searchAreas, String defaultRadio) {

    /** Searchers carry their radios about this high above the ground. */
    public static final double HANDHELD_HEIGHT_M = 1.5;

    public PlanningContext {
        searchAreas = List.copyOf(searchAreas);
    }
}
