/**
 * Collider shapes as plain data, validated, and turned into Rapier collider descriptions.
 *
 * @module
 */

import { finite, finiteVec3, PhysicsError, positive, shown, type Vec3 } from "./error.ts";
import type { Rapier } from "./rapier.ts";

/** A box by its half extents. */
export interface BoxShape {
  /** Discriminant. */
  kind: "box";
  /** Half the size along each axis (metres, each above 0). */
  halfExtents: Vec3;
}

/** A sphere. */
export interface SphereShape {
  /** Discriminant. */
  kind: "sphere";
  /** Radius (metres, above 0). */
  radius: number;
}

/** A capsule along the y axis. */
export interface CapsuleShape {
  /** Discriminant. */
  kind: "capsule";
  /** Half the length of the straight part (metres, above 0). */
  halfHeight: number;
  /** Radius (metres, above 0). */
  radius: number;
}

/** A heightfield: a grid of heights over the x-z plane, centred on the body. */
export interface HeightfieldShape {
  /** Discriminant. */
  kind: "heightfield";
  /** Cells along z (the grid has `rows + 1` × `cols + 1` heights). */
  rows: number;
  /** Cells along x. */
  cols: number;
  /** `(rows + 1) × (cols + 1)` heights, column-major (Rapier's layout), each finite. */
  heights: Float32Array;
  /** The field's size: x and z span, y multiplies the heights. */
  scale: Vec3;
}

/** A triangle mesh (static geometry). */
export interface TrimeshShape {
  /** Discriminant. */
  kind: "trimesh";
  /** x, y, z per vertex. */
  vertices: Float32Array;
  /** Three vertex indices per triangle. */
  indices: Uint32Array;
}

/** Every shape a collider can have. */
export type Shape = BoxShape | SphereShape | CapsuleShape | HeightfieldShape | TrimeshShape;

/** Checks a shape, naming the first bad field under `field`. */
export function validateShape(shape: Shape, field = "shape"): void {
  switch (shape?.kind) {
    case "box": {
      const h = finiteVec3(shape.halfExtents, `${field}.halfExtents`);
      positive(h.x, `${field}.halfExtents.x`);
      positive(h.y, `${field}.halfExtents.y`);
      positive(h.z, `${field}.halfExtents.z`);
      return;
    }
    case "sphere":
      positive(shape.radius, `${field}.radius`);
      return;
    case "capsule":
      positive(shape.halfHeight, `${field}.halfHeight`);
      positive(shape.radius, `${field}.radius`);
      return;
    case "heightfield": {
      for (const key of ["rows", "cols"] as const) {
        if (!Number.isSafeInteger(shape[key]) || shape[key] < 1) {
          throw new PhysicsError(
            "out_of_range",
            `${field}.${key}`,
            `${field}.${key} must be an integer of at least 1, got ${shown(shape[key])}`,
          );
        }
      }
      const expected = (shape.rows + 1) * (shape.cols + 1);
      if (!(shape.heights instanceof Float32Array) || shape.heights.length !== expected) {
        throw new PhysicsError(
          "out_of_range",
          `${field}.heights`,
          `${field}.heights must be a Float32Array of ${expected} heights, got ${shape.heights?.length}`,
        );
      }
      shape.heights.forEach((h, i) => finite(h, `${field}.heights[${i}]`));
      const s = finiteVec3(shape.scale, `${field}.scale`);
      positive(s.x, `${field}.scale.x`);
      positive(s.y, `${field}.scale.y`);
      positive(s.z, `${field}.scale.z`);
      return;
    }
    case "trimesh": {
      const { vertices, indices } = shape;
      if (!(vertices instanceof Float32Array) || vertices.length === 0 || vertices.length % 3) {
        throw new PhysicsError(
          "out_of_range",
          `${field}.vertices`,
          `${field}.vertices must hold x, y, z per vertex`,
        );
      }
      vertices.forEach((v, i) => finite(v, `${field}.vertices[${i}]`));
      if (!(indices instanceof Uint32Array) || indices.length === 0 || indices.length % 3) {
        throw new PhysicsError(
          "out_of_range",
          `${field}.indices`,
          `${field}.indices must hold three vertex indices per triangle`,
        );
      }
      const count = vertices.length / 3;
      indices.forEach((index, i) => {
        if (index >= count) {
          throw new PhysicsError(
            "out_of_range",
            `${field}.indices[${i}]`,
            `${field}.indices[${i}] is ${index}, but there are ${count} vertices`,
          );
        }
      });
      return;
    }
    default:
      throw new PhysicsError(
        "out_of_range",
        `${field}.kind`,
        `${field}.kind must be box, sphere, capsule, heightfield or trimesh, got ${
          shown((shape as { kind?: unknown })?.kind)
        }`,
      );
  }
}

/** The Rapier collider description of a validated shape. */
export function colliderDesc(rapier: Rapier, shape: Shape) {
  switch (shape.kind) {
    case "box":
      return rapier.ColliderDesc.cuboid(
        shape.halfExtents.x,
        shape.halfExtents.y,
        shape.halfExtents.z,
      );
    case "sphere":
      return rapier.ColliderDesc.ball(shape.radius);
    case "capsule":
      return rapier.ColliderDesc.capsule(shape.halfHeight, shape.radius);
    case "heightfield":
      return rapier.ColliderDesc.heightfield(shape.rows, shape.cols, shape.heights, shape.scale);
    case "trimesh":
      return rapier.ColliderDesc.trimesh(shape.vertices, shape.indices);
  }
}

/** The Rapier query shape (for shape casts and overlaps) of a validated convex shape. */
export function queryShape(rapier: Rapier, shape: BoxShape | SphereShape | CapsuleShape) {
  switch (shape.kind) {
    case "box":
      return new rapier.Cuboid(shape.halfExtents.x, shape.halfExtents.y, shape.halfExtents.z);
    case "sphere":
      return new rapier.Ball(shape.radius);
    case "capsule":
      return new rapier.Capsule(shape.halfHeight, shape.radius);
  }
}

/**
 * A half-extent "radius" of a shape along y: how far below its centre a body's shape reaches
 * (used by buoyancy to estimate how much of a body is under water).
 */
export function halfHeightOf(shape: Shape): number {
  switch (shape.kind) {
    case "box":
      return shape.halfExtents.y;
    case "sphere":
      return shape.radius;
    case "capsule":
      return shape.halfHeight + shape.radius;
    case "heightfield":
      return shape.scale.y / 2;
    case "trimesh": {
      let lo = Infinity, hi = -Infinity;
      for (let i = 1; i < shape.vertices.length; i += 3) {
        lo = Math.min(lo, shape.vertices[i]);
        hi = Math.max(hi, shape.vertices[i]);
      }
      return (hi - lo) / 2;
    }
  }
}
