package org.rescuemesh.planner.relay;

import java.util.BitSet;
import org.rescuemesh.planner.coverage.SampleCells;

/**
 * {@link CellCoverage} by one {@link LinkPredictor} call per cell within range: the cell is
 * covered when the link between the site and a terminal at the cell centre closes both ways
 * with the required margin.
 *
 * @param terminalProfile  radio profile of the rescuers' handhelds
 * @param terminalHeightM  their antenna height above ground (1.5 m for a hand-held radio)
 * @param requiredMarginDb fade margin a link must keep to count (0 = at sensitivity)
 * @param maxRangeM        cells farther than this are not evaluated (cost cut-off; choose it
 *                         beyond any range the radio profile can reach)
 */
public record PointwiseCellCoverage(LinkPredictor predictor, String terminalProfile, double terminalHeightM,
                                    double requiredMarginDb, double maxRangeM) implements CellCoverage {

    /** How often (in cells) the cancellation flag is checked: cheap enough, reacts in ms. */
    private static final int CANCEL_CHECK_CELLS = 256;

    public PointwiseCellCoverage {
        if (predictor == null) {
            throw new IllegalArgumentException("link predictor must not be null");
        }
        if (terminalProfile == null || terminalProfile.isBlank()) {
            throw new IllegalArgumentException("terminal radio profile must not be blank");
        }
        if (!(terminalHeightM >= 0) || Double.isInfinite(terminalHeightM)) {
            throw new IllegalArgumentException("terminal antenna height must be >= 0 m, got " + terminalHeightM);
        }
        if (!Double.isFinite(requiredMarginDb)) {
            throw new IllegalArgumentException("required margin must be finite, got " + requiredMarginDb);
        }
        if (!(maxRangeM > 0)) {
            throw new IllegalArgumentException("maximum range must be > 0 m, got " + maxRangeM);
        }
    }

    @Override
    public BitSet coveredCells(Site site, SampleCells cells, Cancellation cancellation) {
        BitSet covered = new BitSet(cells.size());
        GeoPoint at = site.position();
        for (int i = 0; i < cells.size(); i++) {
            if (i % CANCEL_CHECK_CELLS == 0) {
                cancellation.throwIfCancelled();
            }
            if (GeoPoint.distanceM(at.lat(), at.lon(), cells.lat(i), cells.lon(i)) > maxRangeM) {
                continue;
            }
            Site terminal = new Site(new GeoPoint(cells.lat(i), cells.lon(i)), terminalHeightM, terminalProfile);
            if (predictor.predict(site, terminal).closes(requiredMarginDb)) {
                covered.set(i);
            }
        }
        return covered;
    }
}
