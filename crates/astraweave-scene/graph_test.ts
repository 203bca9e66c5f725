import assert from "node:assert/strict";
import { mat4, quat, vec3 } from "@astraweave/math";
import { mulberry32 } from "@astraweave/testing/random";
import { type NodeHandle, SceneError, SceneGraph } from "./mod.ts";

const close = (
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  relative = 1e-3,
) => {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) {
    const tolerance = relative * Math.max(1, Math.abs(expected[i]));
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tolerance,
      `${what}: [${i}] is ${actual[i]}, expected ${expected[i]}`,
    );
  }
};

Deno.test("SceneGraph: known answers for translation, rotation and scale through a hierarchy", () => {
  const graph = new SceneGraph();
  const root = graph.create({ name: "root", translation: [10, 0, 0] });
  // 90° about y: local +x becomes world -z.
  const s = Math.SQRT1_2;
  const turret = graph.create({ name: "turret", parent: root, rotation: [0, s, 0, s] });
  const barrel = graph.create({ name: "barrel", parent: turret, translation: [2, 0, 0] });
  close(graph.worldPosition(barrel), [10, 0, -2], "rotated child");
  graph.setScale(root, 3, 3, 3);
  close(graph.worldPosition(barrel), [10, 0, -6], "scaled root");
  graph.setTranslation(root, 0, 5, 0);
  close(graph.worldPosition(barrel), [0, 5, -6], "moved root");
  assert.equal(graph.find("barrel"), barrel);
  assert.equal(graph.nameOf(turret), "turret");
  assert.equal(graph.find("nothing"), null);
  assert.deepEqual(graph.childrenOf(root), [turret]);
  assert.equal(graph.parentOf(barrel), turret);
  assert.equal(graph.parentOf(root), null);
  assert.deepEqual(graph.localOf(barrel).translation, [2, 0, 0]);
});

Deno.test("SceneGraph: update recomputes only dirty nodes and their descendants", () => {
  const graph = new SceneGraph();
  const a = graph.create();
  const b = graph.create({ parent: a });
  graph.create({ parent: b });
  const other = graph.create();
  assert.equal(graph.update(), 4);
  assert.equal(graph.update(), 0);
  graph.setTranslation(b, 1, 0, 0);
  assert.equal(graph.update(), 2);
  graph.setRotation(other, 0, 0, 1, 1);
  assert.equal(graph.update(), 1);
  graph.setParent(other, a);
  assert.equal(graph.update(), 1);
});

Deno.test("SceneGraph: rotations are stored normalized; a zero quaternion is refused", () => {
  const graph = new SceneGraph();
  const node = graph.create({ rotation: [0, 0, 2, 0] });
  assert.deepEqual(graph.localOf(node).rotation, [0, 0, 1, 0]);
  assert.throws(
    () => graph.setRotation(node, 0, 0, 0, 0),
    (e) => e instanceof SceneError && e.code === "invalid-value",
  );
  assert.deepEqual(graph.localOf(node).rotation, [0, 0, 1, 0], "unchanged after the refusal");
});

Deno.test("SceneGraph: a removed node's handle is refused, even after its slot is reused", () => {
  const graph = new SceneGraph({ initialCapacity: 1 });
  const parent = graph.create();
  const child = graph.create({ parent });
  assert.equal(graph.remove(parent), 2);
  assert.equal(graph.size, 0);
  const reused = graph.create();
  const reused2 = graph.create();
  assert.notEqual(reused, parent);
  assert.notEqual(reused2, child);
  for (const stale of [parent, child]) {
    assert.equal(graph.has(stale), false);
    assert.throws(
      () => graph.setTranslation(stale, 1, 2, 3),
      (e) => e instanceof SceneError && e.code === "stale-handle",
    );
    assert.throws(() => graph.worldMatrix(stale), /does not name a live node/);
    assert.throws(() => graph.remove(stale), /does not name a live node/);
  }
  assert.equal(graph.size, 2);
});

Deno.test("SceneGraph: reparenting that would make a cycle is refused and changes nothing", () => {
  const graph = new SceneGraph();
  const a = graph.create({ translation: [1, 0, 0] });
  const b = graph.create({ parent: a, translation: [1, 0, 0] });
  const c = graph.create({ parent: b, translation: [1, 0, 0] });
  for (const [child, parent] of [[a, a], [a, b], [a, c], [b, c]]) {
    assert.throws(
      () => graph.setParent(child, parent),
      (e) => e instanceof SceneError && e.code === "cycle",
    );
  }
  assert.deepEqual(graph.worldPosition(c), [3, 0, 0]);
  graph.setParent(c, null);
  assert.deepEqual(graph.worldPosition(c), [1, 0, 0]);
  graph.setParent(a, c);
  assert.deepEqual(graph.worldPosition(b), [3, 0, 0]);
});

Deno.test("SceneGraph: maxNodes is enforced with a capacity error", () => {
  const graph = new SceneGraph({ maxNodes: 3, initialCapacity: 1 });
  graph.create(), graph.create(), graph.create();
  assert.throws(() => graph.create(), (e) => e instanceof SceneError && e.code === "capacity");
});

/** The naive answer: the product of local matrices from the root down, recursively. */
function naiveWorld(
  graph: SceneGraph,
  node: NodeHandle,
): Float32Array {
  const local = graph.localOf(node);
  const m = mat4.fromRotationTranslationScale(
    mat4.create(),
    quat.fromValues(...local.rotation),
    vec3.fromValues(...local.translation),
    vec3.fromValues(...local.scale),
  );
  const parent = graph.parentOf(node);
  return parent === null ? m : mat4.multiply(mat4.create(), naiveWorld(graph, parent), m);
}

Deno.test("SceneGraph: world matrices equal a naive recursion after random edit sequences", () => {
  for (let seed = 1; seed <= 40; seed++) {
    const random = mulberry32(seed);
    const below = (n: number) => Math.floor(random() * n);
    const value = () => (random() - 0.5) * 4;
    const graph = new SceneGraph({ initialCapacity: 2 });
    const live: NodeHandle[] = [];
    for (let step = 0; step < 200; step++) {
      const op = below(8);
      const some = () => live[below(live.length)];
      if (op <= 1 || live.length === 0) {
        const parent = live.length > 0 && random() < 0.8 ? some() : null;
        live.push(graph.create({ parent, translation: [value(), value(), value()] }));
      } else if (op === 2) {
        graph.setTranslation(some(), value(), value(), value());
      } else if (op === 3) {
        graph.setRotation(some(), value(), value(), value(), value() + 0.01);
      } else if (op === 4) {
        graph.setScale(some(), 0.5 + random(), 0.5 + random(), 0.5 + random());
      } else if (op === 5) {
        const child = some(), parent = random() < 0.2 ? null : some();
        try {
          graph.setParent(child, parent);
        } catch (error) {
          assert.ok(error instanceof SceneError && error.code === "cycle", String(error));
        }
      } else if (op === 6 && random() < 0.3) {
        graph.remove(some());
        for (let i = live.length - 1; i >= 0; i--) if (!graph.has(live[i])) live.splice(i, 1);
      } else if (op === 7) {
        graph.update();
      }
      if (step % 25 === 24) {
        assert.equal(graph.size, live.length);
        for (const node of live) {
          // The update keeps each local matrix in doubles where the naive product rounds it
          // to float32 first: the two agree to a few float32 steps, not bit for bit.
          close(
            graph.worldMatrix(node),
            naiveWorld(graph, node),
            `seed ${seed} step ${step}`,
            1e-5,
          );
        }
      }
    }
  }
});
