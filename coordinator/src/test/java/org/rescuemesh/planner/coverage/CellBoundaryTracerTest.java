package org.rescuemesh.planner.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;

class CellBoundaryTracerTest {

    private static final GeometryFactory PIXELS = new GeometryFactory();

    /** The reference: a JTS union of one box per covered cell. */
    private static Geometry unionOfBoxes(BitSet cells, int width, int offsetCol, int offsetRow) {
        List<Geometry> boxes = new ArrayList<>();
        for (int i = cells.nextSetBit(0); i >= 0; i = cells.nextSetBit(i + 1)) {
            int x = i % width + offsetCol;
            int y = i / width + offsetRow;
            boxes.add(PIXELS.toGeometry(new Envelope(x, x + 1, y, y + 1)));
        }
        return OverlayNGRobust.union(boxes);
    }

    private static void assertSameAsUnion(BitSet cells, int width, int height) {
        Geometry traced = CellBoundaryTracer.trace(cells, width, height, 5, -3, PIXELS);
        assertThat(new IsValidOp(traced).getValidationError()).as("validity of %s", traced).isNull();
        assertThat(traced.getArea()).isEqualTo(cells.cardinality());
        if (!cells.isEmpty()) {
            Geometry reference = unionOfBoxes(cells, width, 5, -3);
            Geometry difference = OverlayNGRobust.overlay(traced, reference, OverlayNG.SYMDIFFERENCE);
            assertThat(difference.getArea()).isCloseTo(0, within(1e-9));
            assertThat(traced.getNumGeometries()).isEqualTo(reference.getNumGeometries());
        }
    }

    @Test
    void randomRastersTraceToTheUnionOfTheirCells() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int width = 1 + random.nextInt(14);
            int height = 1 + random.nextInt(14);
            double density = random.nextDouble();
            BitSet cells = new BitSet();
            for (int i = 0; i < width * height; i++) {
                if (random.nextDouble() < density) {
                    cells.set(i);
                }
            }
            assertSameAsUnion(cells, width, height);
        }
    }

    @Test
    void checkerboardGivesOneSquarePerCell() {
        BitSet cells = new BitSet();
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                if ((x + y) % 2 == 0) {
                    cells.set(y * 6 + x);
                }
            }
        }
        Geometry traced = CellBoundaryTracer.trace(cells, 6, 6, 0, 0, PIXELS);
        assertThat(traced.getNumGeometries()).isEqualTo(18);
        assertSameAsUnion(cells, 6, 6);
    }

    @Test
    void holesTouchingEachOtherAndTheOutsideAtCorners() {
        // 0 = uncovered. Holes (2,1) and (1,2) touch at corner (2,2); hole (1,2) touches the
        // outside cell (0,3) at corner (1,3): the walk passes those corners twice.
        String[] rows = {
            "1111",
            "1101",
            "1011",
            "0111",
        };
        BitSet cells = new BitSet();
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                if (rows[y].charAt(x) == '1') {
                    cells.set(y * 4 + x);
                }
            }
        }
        Geometry traced = CellBoundaryTracer.trace(cells, 4, rows.length, 0, 0, PIXELS);
        assertSameAsUnion(cells, 4, rows.length);
        assertThat(traced).isInstanceOf(Polygon.class);
        assertThat(((Polygon) traced).getNumInteriorRing()).isEqualTo(2);
    }

    @Test
    void islandInALakeInsideARegion() {
        String[] rows = {
            "1111111",
            "1000001",
            "1001001",
            "1000001",
            "1111111",
        };
        BitSet cells = new BitSet();
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                if (rows[y].charAt(x) == '1') {
                    cells.set(y * 7 + x);
                }
            }
        }
        Geometry traced = CellBoundaryTracer.trace(cells, 7, rows.length, 0, 0, PIXELS);
        assertSameAsUnion(cells, 7, rows.length);
        assertThat(traced.getNumGeometries()).isEqualTo(2);
    }
}
