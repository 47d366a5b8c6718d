package org.rescuemesh.planner.coverage;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Polygons of a binary raster by boundary tracing, in pixel coordinates (x = column,
 * y = row, cell (c, r) spans [c, c+1] × [r, r+1]): the same region as the union of the covered
 * cells' boxes, in time linear in the raster plus the boundary length, where a polygon union of
 * boxes slows down with their number.
 *
 * <p>Every side between a covered and an uncovered cell becomes a directed unit edge with the
 * covered cell on its right (screen orientation, y down): outer boundaries run clockwise on
 * screen and come out with positive shoelace area, holes with negative. Where two covered cells
 * touch only at a corner the walk turns right, hugging one cell. A walk can still pass such a
 * corner twice (a region enclosing a hole that touches its outside at the corner); it is then
 * split there into simple loops, so every ring is simple and rings touch at points only, as
 * JTS validity requires. Collinear edges are merged. Each hole goes to the smallest outer ring
 * containing the centre of a covered cell next to it.
 */
final class CellBoundaryTracer {

    private static final int RIGHT = 0;
    private static final int DOWN = 1;
    private static final int LEFT = 2;
    private static final int UP = 3;
    private static final int[] DX = {1, 0, -1, 0};
    private static final int[] DY = {0, 1, 0, -1};
    /** Turns tried at each corner: right (hug the covered cell), straight, left. */
    private static final int[] TURNS = {1, 0, 3};

    private CellBoundaryTracer() {
    }

    /**
     * Polygons covering the cells whose bit {@code row * width + col} is set, shifted by
     * (offsetCol, offsetRow); an empty polygon when no cell is set.
     */
    static Geometry trace(BitSet covered, int width, int height, int offsetCol, int offsetRow,
                          GeometryFactory factory) {
        int stride = width + 1;
        byte[] out = new byte[stride * (height + 1)];
        for (int cell = covered.nextSetBit(0); cell >= 0; cell = covered.nextSetBit(cell + 1)) {
            int x = cell % width;
            int y = cell / width;
            if (!isSet(covered, width, height, x, y - 1)) {
                out[y * stride + x] |= 1 << RIGHT;
            }
            if (!isSet(covered, width, height, x + 1, y)) {
                out[y * stride + x + 1] |= 1 << DOWN;
            }
            if (!isSet(covered, width, height, x, y + 1)) {
                out[(y + 1) * stride + x + 1] |= 1 << LEFT;
            }
            if (!isSet(covered, width, height, x - 1, y)) {
                out[(y + 1) * stride + x] |= 1 << UP;
            }
        }
        List<Ring> shells = new ArrayList<>();
        List<Ring> holes = new ArrayList<>();
        for (int v = 0; v < out.length; v++) {
            while (out[v] != 0) {
                for (Ring ring : walk(out, stride, v, offsetCol, offsetRow, factory)) {
                    (ring.signedArea > 0 ? shells : holes).add(ring);
                }
            }
        }
        return assemble(shells, holes, factory);
    }

    private static boolean isSet(BitSet covered, int width, int height, int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && covered.get(y * width + x);
    }

    /**
     * Follows and consumes one closed boundary starting with an out-edge of vertex start, and
     * returns it as simple rings.
     */
    private static List<Ring> walk(byte[] out, int stride, int start, int offsetCol, int offsetRow,
                                   GeometryFactory factory) {
        int startDir = Integer.numberOfTrailingZeros(out[start]);
        List<Coordinate> points = new ArrayList<>();
        int x = start % stride;
        int y = start / stride;
        points.add(new Coordinate(x + offsetCol, y + offsetRow));
        int dir = startDir;
        out[start] &= (byte) ~(1 << startDir);
        while (true) {
            x += DX[dir];
            y += DY[dir];
            int v = y * stride + x;
            int next = -1;
            boolean closed = false;
            for (int turn : TURNS) {
                int candidate = (dir + turn) & 3;
                if (v == start && candidate == startDir) {
                    closed = true; // back where we began, about to repeat the first edge
                    break;
                }
                if ((out[v] & (1 << candidate)) != 0) {
                    next = candidate;
                    break;
                }
            }
            if (closed) {
                break;
            }
            if (next < 0) {
                throw new IllegalStateException("open boundary at pixel corner " + x + "," + y);
            }
            out[v] &= (byte) ~(1 << next);
            if (next != dir) {
                points.add(new Coordinate(x + offsetCol, y + offsetRow));
            }
            dir = next;
        }
        if (startDir == dir && points.size() > 1) {
            // The start vertex lies inside a straight stretch: the ring closes on the next corner.
            points.remove(0);
        }
        return splitAtRepeatedCorners(points, factory);
    }

    /** Splits a closed walk (first point not repeated at the end) into simple loops. */
    private static List<Ring> splitAtRepeatedCorners(List<Coordinate> points, GeometryFactory factory) {
        List<Ring> rings = new ArrayList<>();
        List<Coordinate> stack = new ArrayList<>();
        Map<Coordinate, Integer> position = new HashMap<>();
        for (int i = 0; i <= points.size(); i++) {
            Coordinate p = points.get(i % points.size());
            Integer seen = position.get(p);
            if (seen == null) {
                position.put(p, stack.size());
                stack.add(p);
                continue;
            }
            List<Coordinate> loop = new ArrayList<>(stack.subList(seen, stack.size()));
            loop.add(new Coordinate(p));
            rings.add(ring(loop, factory));
            for (int j = seen + 1; j < stack.size(); j++) {
                position.remove(stack.get(j));
            }
            stack.subList(seen + 1, stack.size()).clear();
        }
        return rings;
    }

    /** A closed loop as a ring with its signed area and a point in the cell right of its first edge. */
    private static Ring ring(List<Coordinate> loop, GeometryFactory factory) {
        double twiceArea = 0;
        for (int i = 0; i + 1 < loop.size(); i++) {
            twiceArea += loop.get(i).x * loop.get(i + 1).y - loop.get(i + 1).x * loop.get(i).y;
        }
        Coordinate first = loop.get(0);
        int d = directionOf(first, loop.get(1));
        Coordinate inside = new Coordinate(first.x + DX[d] * 0.5 + DX[(d + 1) & 3] * 0.5,
                first.y + DY[d] * 0.5 + DY[(d + 1) & 3] * 0.5);
        return new Ring(factory.createLinearRing(loop.toArray(new Coordinate[0])), twiceArea / 2, inside);
    }

    private static int directionOf(Coordinate a, Coordinate b) {
        if (b.x > a.x) {
            return RIGHT;
        }
        if (b.x < a.x) {
            return LEFT;
        }
        return b.y > a.y ? DOWN : UP;
    }

    private static Geometry assemble(List<Ring> shells, List<Ring> holes, GeometryFactory factory) {
        if (shells.isEmpty()) {
            return factory.createPolygon();
        }
        STRtree index = new STRtree();
        for (Ring shell : shells) {
            index.insert(shell.ring.getEnvelopeInternal(), shell);
        }
        for (Ring hole : holes) {
            @SuppressWarnings("unchecked")
            List<Ring> candidates = index.query(new Envelope(hole.inside));
            candidates.sort(Comparator.comparingDouble(r -> r.signedArea));
            for (Ring shell : candidates) {
                if (shell.contains(hole.inside, factory)) {
                    shell.holes.add(hole.ring);
                    break;
                }
            }
        }
        Polygon[] polygons = new Polygon[shells.size()];
        for (int i = 0; i < shells.size(); i++) {
            Ring shell = shells.get(i);
            polygons[i] = factory.createPolygon(shell.ring, shell.holes.toArray(new LinearRing[0]));
        }
        return polygons.length == 1 ? polygons[0] : factory.createMultiPolygon(polygons);
    }

    private static final class Ring {
        final LinearRing ring;
        final double signedArea;
        final Coordinate inside;
        final List<LinearRing> holes = new ArrayList<>();
        private IndexedPointInAreaLocator locator;

        Ring(LinearRing ring, double signedArea, Coordinate inside) {
            this.ring = ring;
            this.signedArea = signedArea;
            this.inside = inside;
        }

        boolean contains(Coordinate p, GeometryFactory factory) {
            if (locator == null) {
                locator = new IndexedPointInAreaLocator(factory.createPolygon(ring));
            }
            return locator.locate(p) == Location.INTERIOR;
        }
    }
}
