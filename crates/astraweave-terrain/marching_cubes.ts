/**
 * Marching cubes: the surface `density = isoLevel` of a 3D density grid as an indexed triangle
 * mesh in typed arrays. Vertices on a cube edge are shared by every cube that touches the edge,
 * so a surface that closes inside the grid gives a closed (watertight) mesh.
 *
 * @module
 */

import { finite, integerIn, positive, TerrainError } from "./errors.ts";
import { CORNER_OFFSETS, EDGE_CORNERS, EDGE_TABLE, TRI_TABLE } from "./mc_tables.ts";

/**
 * Most grid points a density field may have: 2^22 (for example 128 × 128 × 256). Meshing keeps a
 * vertex slot per grid edge (12 bytes a point), 48 MiB at this size; larger fields are refused
 * before anything is allocated.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_FIELD_POINTS, sampleDensityField } from "@astraweave/terrain";
 * assert.equal(MAX_FIELD_POINTS, 128 * 128 * 256);
 * assert.throws(() => sampleDensityField(1024, 1024, 1024, () => 0), /must be at most 4194304/);
 * ```
 */
export const MAX_FIELD_POINTS = 4_194_304;

/** Densities on an nx × ny × nz grid of points, `values[x + nx × (y + ny × z)]`. */
export interface DensityField {
  /** Points along x (2 or more). */
  nx: number;
  /** Points along y (2 or more). */
  ny: number;
  /** Points along z (2 or more). */
  nz: number;
  /** The densities, nx × ny × nz of them, all finite. */
  values: Float32Array;
}

/** Where the mesh goes and which surface it follows. */
export interface MeshOptions {
  /**
   * The surface's density; points above it are solid. Default 0.5, the Rust crate's voxel
   * threshold (`Voxel::is_solid`: density > 0.5).
   */
  isoLevel?: number;
  /** Distance between grid points (default 1). */
  cellSize?: number;
  /** World position of grid point (0, 0, 0) (default the origin). */
  origin?: readonly [number, number, number];
}

/** An indexed triangle mesh. Triangles wind counter-clockwise seen from outside the solid. */
export interface TriangleMesh {
  /** x, y, z per vertex. */
  positions: Float32Array;
  /** Unit normal per vertex, pointing out of the solid. */
  normals: Float32Array;
  /** Three vertex indices per triangle. */
  indices: Uint32Array;
}

function checkGridSide(name: string, value: unknown): number {
  return integerIn(name, value, 2, MAX_FIELD_POINTS);
}

/**
 * A field of `fn(x, y, z)` at every grid point (x, y, z integers from 0).
 *
 * @throws {TerrainError} for sides below 2, more than {@link MAX_FIELD_POINTS} points, or a
 * value of `fn` that is not finite.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sampleDensityField } from "@astraweave/terrain";
 * const field = sampleDensityField(4, 3, 2, (x, y, z) => x + 10 * y + 100 * z);
 * assert.equal(field.values[1 + 4 * (2 + 3 * 1)], 121);
 * ```
 */
export function sampleDensityField(
  nx: number,
  ny: number,
  nz: number,
  fn: (x: number, y: number, z: number) => number,
): DensityField {
  checkDims(nx, ny, nz);
  const values = new Float32Array(nx * ny * nz);
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        const v = fn(x, y, z);
        if (typeof v !== "number" || !Number.isFinite(v)) {
          throw new TerrainError(`density(${x}, ${y}, ${z})`, v, "must be a finite number");
        }
        values[i] = v;
      }
    }
  }
  return { nx, ny, nz, values };
}

function checkDims(nx: number, ny: number, nz: number): void {
  checkGridSide("nx", nx);
  checkGridSide("ny", ny);
  checkGridSide("nz", nz);
  if (nx * ny * nz > MAX_FIELD_POINTS) {
    throw new TerrainError("nx × ny × nz", nx * ny * nz, `must be at most ${MAX_FIELD_POINTS}`);
  }
}

// Per cube edge, 6 bytes: the offset (dx, dy, dz) of its lower corner, its axis (0 x, 1 y, 2 z),
// its lower corner and its upper corner.
const EDGE_BASE = new Uint8Array(12 * 6);
for (let e = 0; e < 12; e++) {
  const a = EDGE_CORNERS[2 * e];
  const b = EDGE_CORNERS[2 * e + 1];
  const height = (c: number) =>
    CORNER_OFFSETS[3 * c] + CORNER_OFFSETS[3 * c + 1] + CORNER_OFFSETS[3 * c + 2];
  const low = height(a) < height(b) ? a : b;
  const high = low === a ? b : a;
  for (let axis = 0; axis < 3; axis++) {
    EDGE_BASE[6 * e + axis] = CORNER_OFFSETS[3 * low + axis];
    if (CORNER_OFFSETS[3 * high + axis] !== CORNER_OFFSETS[3 * low + axis]) {
      EDGE_BASE[6 * e + 3] = axis;
    }
  }
  EDGE_BASE[6 * e + 4] = low;
  EDGE_BASE[6 * e + 5] = high;
}

/** The density difference per grid step at index `i` along one axis (one-sided at the border). */
function slope(values: Float32Array, i: number, p: number, n: number, stride: number): number {
  if (p === 0) return values[i + stride] - values[i];
  if (p === n - 1) return values[i] - values[i - stride];
  return (values[i + stride] - values[i - stride]) / 2;
}

/** Growable output: doubles its arrays when full, so the hot loop allocates only on growth. */
class MeshBuilder {
  positions = new Float32Array(3 * 1024);
  normals = new Float32Array(3 * 1024);
  indices = new Uint32Array(3 * 2048);
  vertexCount = 0;
  indexCount = 0;

  addVertex(x: number, y: number, z: number, gx: number, gy: number, gz: number): number {
    if (3 * this.vertexCount === this.positions.length) {
      this.positions = grow(this.positions);
      this.normals = grow(this.normals);
    }
    const o = 3 * this.vertexCount;
    this.positions[o] = x;
    this.positions[o + 1] = y;
    this.positions[o + 2] = z;
    // The density rises into the solid, so the outward normal is minus the gradient.
    // Not Math.hypot (a slow builtin call): the gradient comes from Float32 densities, whose
    // squares are far inside a double's range, so the plain sum neither overflows nor underflows.
    const length = Math.sqrt(gx * gx + gy * gy + gz * gz);
    if (length > 0) {
      this.normals[o] = -gx / length;
      this.normals[o + 1] = -gy / length;
      this.normals[o + 2] = -gz / length;
    } else {
      this.normals[o] = 0;
      this.normals[o + 1] = 1;
      this.normals[o + 2] = 0;
    }
    return this.vertexCount++;
  }

  addTriangle(a: number, b: number, c: number): void {
    if (this.indexCount + 3 > this.indices.length) this.indices = grow(this.indices);
    this.indices[this.indexCount++] = a;
    this.indices[this.indexCount++] = b;
    this.indices[this.indexCount++] = c;
  }

  finish(): TriangleMesh {
    return {
      positions: this.positions.slice(0, 3 * this.vertexCount),
      normals: this.normals.slice(0, 3 * this.vertexCount),
      indices: this.indices.slice(0, this.indexCount),
    };
  }
}

function grow<T extends Float32Array | Uint32Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The surface `density = isoLevel` of `field` as a triangle mesh (marching cubes with Bourke's
 * tables). Solid is density above the iso level; a grid all on one side gives no triangles.
 *
 * Unlike the Rust crate's `DualContouring::generate_mesh` (which put one vertex per cell and
 * looked the triangles' corners up by the wrong key, so most triangles were dropped), this is
 * plain marching cubes with one vertex per crossed grid edge.
 *
 * @throws {TerrainError} for a malformed field (sides, length, a non-finite density) or options.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { marchingCubes, sampleDensityField } from "@astraweave/terrain";
 * // A ball of radius 3 around (4, 4, 4): density 1 inside, falling off outside.
 * const ball = sampleDensityField(9, 9, 9, (x, y, z) => 4 - Math.hypot(x - 4, y - 4, z - 4));
 * const mesh = marchingCubes(ball, { isoLevel: 1 });
 * assert.ok(mesh.indices.length > 0 && mesh.indices.length % 3 === 0);
 * for (let i = 0; i < mesh.positions.length; i += 3) {
 *   const r = Math.hypot(mesh.positions[i] - 4, mesh.positions[i + 1] - 4, mesh.positions[i + 2] - 4);
 *   assert.ok(Math.abs(r - 3) < 0.1);
 * }
 * ```
 */
export function marchingCubes(field: DensityField, options: MeshOptions = {}): TriangleMesh {
  if (typeof field !== "object" || field === null) {
    throw new TerrainError("field", field, "must be a density field object");
  }
  const { nx, ny, nz, values } = field;
  checkDims(nx, ny, nz);
  if (!(values instanceof Float32Array) || values.length !== nx * ny * nz) {
    throw new TerrainError(
      "values",
      values instanceof Float32Array ? values.length : values,
      `must be a Float32Array of nx × ny × nz = ${nx * ny * nz} densities`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new TerrainError(`values[${i}]`, values[i], "must be finite");
    }
  }
  const iso = finite("isoLevel", options.isoLevel ?? 0.5);
  const cell = positive("cellSize", options.cellSize ?? 1);
  const origin = options.origin ?? [0, 0, 0];
  if (!Array.isArray(origin) || origin.length !== 3) {
    throw new TerrainError("origin", origin, "must be an [x, y, z] triple");
  }
  const ox = finite("origin[0]", origin[0]);
  const oy = finite("origin[1]", origin[1]);
  const oz = finite("origin[2]", origin[2]);

  const sy = nx;
  const sz = nx * ny;
  // Vertex number + 1 per grid edge (3 slots per point: its +x, +y, +z edge); 0 until made, so
  // the zeroed array needs no fill.
  const edgeVertex = new Int32Array(3 * values.length);
  const out = new MeshBuilder();
  const corner = new Float64Array(8);
  const cubeEdges = new Int32Array(12);
  // Index of each corner relative to the cube's corner 0.
  const cornerIndex = new Int32Array(8);
  for (let c = 0; c < 8; c++) {
    cornerIndex[c] = CORNER_OFFSETS[3 * c] + sy * CORNER_OFFSETS[3 * c + 1] +
      sz * CORNER_OFFSETS[3 * c + 2];
  }
  const [, o1, o2, o3, o4, o5, o6, o7] = cornerIndex;

  for (let z = 0; z < nz - 1; z++) {
    for (let y = 0; y < ny - 1; y++) {
      let p = sy * y + sz * z;
      // Corners 0, 3, 4, 7 (the cube's low-x face) are the last cube's 1, 2, 5, 6: each step
      // along x reads the four values of the new face only.
      let v0 = values[p];
      let v3 = values[p + o3];
      let v4 = values[p + o4];
      let v7 = values[p + o7];
      for (let x = 0; x < nx - 1; x++, p++) {
        const v1 = values[p + o1];
        const v2 = values[p + o2];
        const v5 = values[p + o5];
        const v6 = values[p + o6];
        const cubeCase = (v0 <= iso ? 1 : 0) | (v1 <= iso ? 2 : 0) | (v2 <= iso ? 4 : 0) |
          (v3 <= iso ? 8 : 0) | (v4 <= iso ? 16 : 0) | (v5 <= iso ? 32 : 0) |
          (v6 <= iso ? 64 : 0) | (v7 <= iso ? 128 : 0);
        const edges = EDGE_TABLE[cubeCase];
        if (edges !== 0) {
          corner[0] = v0;
          corner[1] = v1;
          corner[2] = v2;
          corner[3] = v3;
          corner[4] = v4;
          corner[5] = v5;
          corner[6] = v6;
          corner[7] = v7;
          for (let e = 0; e < 12; e++) {
            if ((edges & (1 << e)) === 0) continue;
            const px = x + EDGE_BASE[6 * e];
            const py = y + EDGE_BASE[6 * e + 1];
            const pz = z + EDGE_BASE[6 * e + 2];
            const axis = EDGE_BASE[6 * e + 3];
            const q0 = px + sy * py + sz * pz;
            const slot = 3 * q0 + axis;
            let vertex = edgeVertex[slot] - 1;
            if (vertex < 0) {
              const c0 = corner[EDGE_BASE[6 * e + 4]];
              const t = (iso - c0) / (corner[EDGE_BASE[6 * e + 5]] - c0);
              const q = q0 + (axis === 0 ? 1 : axis === 1 ? sy : sz);
              const qx = px + (axis === 0 ? 1 : 0);
              const qy = py + (axis === 1 ? 1 : 0);
              const qz = pz + (axis === 2 ? 1 : 0);
              vertex = out.addVertex(
                ox + cell * (px + (axis === 0 ? t : 0)),
                oy + cell * (py + (axis === 1 ? t : 0)),
                oz + cell * (pz + (axis === 2 ? t : 0)),
                lerp(slope(values, q0, px, nx, 1), slope(values, q, qx, nx, 1), t),
                lerp(slope(values, q0, py, ny, sy), slope(values, q, qy, ny, sy), t),
                lerp(slope(values, q0, pz, nz, sz), slope(values, q, qz, nz, sz), t),
              );
              edgeVertex[slot] = vertex + 1;
            }
            cubeEdges[e] = vertex;
          }
          for (let k = 16 * cubeCase; TRI_TABLE[k] >= 0; k += 3) {
            // With bit k set for corners at or below the iso level, Bourke's order winds each
            // triangle counter-clockwise seen from outside the solid (tested by signed volume).
            out.addTriangle(
              cubeEdges[TRI_TABLE[k]],
              cubeEdges[TRI_TABLE[k + 1]],
              cubeEdges[TRI_TABLE[k + 2]],
            );
          }
        }
        v0 = v1;
        v3 = v2;
        v4 = v5;
        v7 = v6;
      }
    }
  }
  return out.finish();
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
