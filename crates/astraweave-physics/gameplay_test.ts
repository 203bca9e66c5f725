import assert from "node:assert/strict";
import {
  Buoyancy,
  Characters,
  createRagdoll,
  GravityZones,
  PhysicsError,
  PhysicsWorld,
  Projectiles,
  Vehicle,
} from "./mod.ts";

const floorOf = (world: PhysicsWorld, size = 50) =>
  world.addBody({
    kind: "static",
    shape: { kind: "box", halfExtents: { x: size, y: 0.5, z: size } },
  });

const steps = (world: PhysicsWorld, n: number) => {
  for (let i = 0; i < n; i++) world.step();
};

Deno.test("characters walk at their speed, stop at walls, step up low ledges only", async () => {
  const world = await PhysicsWorld.create();
  floorOf(world);
  // A wall at x = 5; a 0.2 m step at z = 10 and a 0.8 m ledge at z = -10, both along x.
  world.addBody({
    kind: "static",
    shape: { kind: "box", halfExtents: { x: 0.5, y: 2, z: 3 } },
    position: { x: 5, y: 2, z: 0 },
  });
  world.addBody({
    kind: "static",
    shape: { kind: "box", halfExtents: { x: 5, y: 0.1, z: 2 } },
    position: { x: 0, y: 0.6, z: 12 },
  });
  world.addBody({
    kind: "static",
    shape: { kind: "box", halfExtents: { x: 5, y: 0.4, z: 2 } },
    position: { x: 0, y: 0.9, z: -12 },
  });
  const characters = new Characters(world);
  const walker = characters.add({ position: { x: -10, y: 1.5, z: 20 } });
  const blocked = characters.add({ position: { x: 0, y: 1.5, z: 0 } });
  const stepper = characters.add({ position: { x: 0, y: 1.5, z: 8 } });
  const stopped = characters.add({ position: { x: 0, y: 1.5, z: -8 } });
  steps(world, 10); // settle onto the floor
  const start = characters.state(walker).position.x;
  characters.walk(walker, { x: 2, y: 0, z: 0 });
  characters.walk(blocked, { x: 4, y: 0, z: 0 });
  characters.walk(stepper, { x: 0, y: 0, z: 2 });
  characters.walk(stopped, { x: 0, y: 0, z: -2 });
  steps(world, 180);
  const moved = characters.state(walker).position.x - start;
  assert.ok(Math.abs(moved - 6) < 0.1, `3 s at 2 m/s is 6 m, moved ${moved}`);
  assert.ok(characters.state(walker).grounded);
  const wallFace = 4.5 - 0.4; // wall's near face minus the capsule radius
  assert.ok(
    Math.abs(characters.state(blocked).position.x - wallFace) < 0.05,
    `stopped at the wall: ${characters.state(blocked).position.x}`,
  );
  assert.ok(
    characters.state(stepper).position.z > 12 && characters.state(stepper).position.y > 1.6,
    "climbed the 0.2 m step",
  );
  assert.ok(characters.state(stopped).position.z > -10, "did not climb the 0.8 m ledge");
  world.free();
});

Deno.test("characters climb a 30° slope but not a 60° one", async () => {
  const world = await PhysicsWorld.create();
  floorOf(world);
  const ramp = (degrees: number, z: number) => {
    const angle = (degrees * Math.PI) / 180;
    // A long thin box tilted about z, rising toward +x, its low end at x = 2.
    world.addBody({
      kind: "static",
      shape: { kind: "box", halfExtents: { x: 4, y: 0.1, z: 1.5 } },
      position: { x: 2 + 4 * Math.cos(angle), y: 0.5 + 4 * Math.sin(angle), z },
      rotation: { x: 0, y: 0, z: Math.sin(angle / 2), w: Math.cos(angle / 2) },
    });
  };
  ramp(30, 0);
  ramp(60, 10);
  const characters = new Characters(world);
  const gentle = characters.add({ position: { x: 0, y: 1.5, z: 0 } });
  const steep = characters.add({ position: { x: 0, y: 1.5, z: 10 } });
  steps(world, 10);
  characters.walk(gentle, { x: 2, y: 0, z: 0 });
  characters.walk(steep, { x: 2, y: 0, z: 0 });
  steps(world, 150);
  assert.ok(
    characters.state(gentle).position.y > 2.5,
    `up the 30° ramp: y ${characters.state(gentle).position.y}`,
  );
  assert.ok(
    characters.state(steep).position.y < 2,
    `not up the 60° ramp: y ${characters.state(steep).position.y}`,
  );
  world.free();
});

Deno.test("jumps: from the ground, within coyote time after a ledge, and never from mid-air later", async () => {
  const world = await PhysicsWorld.create();
  // A platform ending at x = 0 over a pit.
  world.addBody({
    kind: "static",
    shape: { kind: "box", halfExtents: { x: 5, y: 0.5, z: 5 } },
    position: { x: -5, y: 0, z: 0 },
  });
  const characters = new Characters(world);
  const hero = characters.add({ position: { x: -3, y: 1.5, z: 0 }, coyoteTime: 0.1, jumpSpeed: 5 });
  steps(world, 10);
  characters.jump(hero);
  world.step();
  assert.ok(characters.state(hero).verticalSpeed > 4, "jumped from the ground");
  steps(world, 90); // land again

  const late = characters.add({ position: { x: -1, y: 1.5, z: 2 }, coyoteTime: 0.1 });
  const onTime = characters.add({ position: { x: -1, y: 1.5, z: -2 }, coyoteTime: 0.1 });
  steps(world, 10);
  characters.walk(late, { x: 5, y: 0, z: 0 });
  characters.walk(onTime, { x: 5, y: 0, z: 0 });
  // Walk until both have just left the platform (capsule radius 0.4 past the edge).
  let t = 0;
  while (characters.state(onTime).grounded && t++ < 120) world.step();
  assert.ok(!characters.state(onTime).grounded, "left the ledge");
  steps(world, 2); // 33 ms: inside coyote time
  characters.jump(onTime);
  steps(world, 15); // 250 ms: well past coyote time for `late`
  characters.jump(late);
  world.step();
  assert.ok(
    characters.state(onTime).position.y > characters.state(late).position.y + 0.3,
    "the coyote jump rose above the late one",
  );
  assert.ok(characters.state(late).verticalSpeed < 0, "no jump from mid-air");
  assert.throws(() => characters.walk(999, { x: 0, y: 0, z: 0 }), PhysicsError);
  assert.throws(
    () => characters.add({ position: { x: 0, y: 0, z: 0 }, maxSlopeDegrees: 90 }),
    /between 0 and 90/,
  );
  world.free();
});

Deno.test("gravity zones: a box zone lifts, a sphere zone pulls to its centre, priority decides overlaps", async () => {
  const world = await PhysicsWorld.create();
  const zones = new GravityZones(world);
  const lift = zones.add({
    kind: "box",
    center: { x: 0, y: 0, z: 0 },
    halfExtents: { x: 3, y: 50, z: 3 },
    gravity: { x: 0, y: 4, z: 0 },
  });
  zones.add({ kind: "sphere", center: { x: 20, y: 0, z: 0 }, radius: 10, strength: 9.81 });
  zones.add({
    kind: "box",
    center: { x: 0, y: 0, z: 0 },
    halfExtents: { x: 1, y: 1, z: 1 },
    gravity: { x: 1, y: 0, z: 0 },
    priority: 5,
  });
  assert.deepEqual(
    zones.gravityAt({ x: 0, y: 0, z: 0 }),
    { x: 1, y: 0, z: 0 },
    "higher priority wins",
  );
  assert.deepEqual(zones.gravityAt({ x: 0, y: 5, z: 0 }), { x: 0, y: 4, z: 0 });
  const pull = zones.gravityAt({ x: 25, y: 0, z: 0 });
  assert.ok(Math.abs(pull.x + 9.81) < 1e-9 && pull.y === 0);
  assert.deepEqual(zones.gravityAt({ x: -20, y: 0, z: 0 }), world.gravity);

  const floater = world.addBody({
    kind: "dynamic",
    shape: { kind: "sphere", radius: 0.2 },
    position: { x: 0, y: 5, z: 0 },
  });
  const orbiter = world.addBody({
    kind: "dynamic",
    shape: { kind: "sphere", radius: 0.2 },
    position: { x: 25, y: 0, z: 0 },
  });
  steps(world, 60);
  // 1 s at +4 m/s² from rest: +2 m (semi-implicit Euler: a little more).
  const rise = world.position(floater).y - 5;
  assert.ok(rise > 1.9 && rise < 2.2, `rose ${rise}`);
  assert.ok(
    world.position(orbiter).x < 21 && Math.abs(world.position(orbiter).y) < 1e-3,
    "fell toward the sphere's centre, not down",
  );
  zones.remove(lift);
  assert.throws(() => zones.remove(lift), PhysicsError);
  world.free();
});

Deno.test("projectiles follow the exact parabola, hit thin walls at speed, skip their shooter and expire", async () => {
  const world = await PhysicsWorld.create();
  const projectiles = new Projectiles(world);
  const free = projectiles.fire({
    position: { x: 0, y: 100, z: 0 },
    velocity: { x: 10, y: 20, z: 0 },
  });
  steps(world, 60);
  const t = 60 * world.timestep;
  const p = projectiles.position(free)!;
  assert.ok(Math.abs(p.x - 10 * t) < 1e-9);
  assert.ok(Math.abs(p.y - (100 + 20 * t - 0.5 * 9.81 * t * t)) < 1e-6, `y ${p.y}`);

  const shooter = world.addBody({
    kind: "dynamic",
    shape: { kind: "sphere", radius: 0.5 },
    gravityScale: 0,
  });
  const wall = world.addBody({
    kind: "static",
    shape: { kind: "box", halfExtents: { x: 0.01, y: 5, z: 5 } },
    position: { x: 30, y: 0, z: 0 },
  });
  world.step();
  const bullet = projectiles.fire({
    position: { x: 0, y: 0, z: 0 },
    velocity: { x: 900, y: 0, z: 0 },
    gravityScale: 0,
    filter: { exclude: shooter },
  });
  steps(world, 3); // 15 m per step: crosses the 2 cm wall between samples
  const hits = projectiles.drainHits();
  assert.equal(hits.length, 1);
  assert.equal(hits[0].projectile, bullet);
  assert.equal(hits[0].body, wall);
  assert.ok(Math.abs(hits[0].point.x - 29.99) < 1e-3);
  assert.equal(projectiles.position(bullet), undefined);

  const short = projectiles.fire({
    position: { x: 0, y: -50, z: 50 },
    velocity: { x: 0, y: 0, z: 1 },
    maxLifetime: 0.5,
  });
  steps(world, 31);
  assert.equal(projectiles.position(short), undefined, "expired");
  assert.throws(
    () => projectiles.fire({ position: { x: 0, y: 0, z: 0 }, velocity: { x: NaN, y: 0, z: 0 } }),
    PhysicsError,
  );
  world.free();
});

Deno.test("buoyancy: a half-density crate floats half submerged, a dense one sinks", async () => {
  const world = await PhysicsWorld.create();
  floorOf(world).valueOf();
  const water = new Buoyancy(world, { level: 10, linearDrag: 2 });
  const cube = { kind: "box", halfExtents: { x: 0.5, y: 0.5, z: 0.5 } } as const;
  const light = world.addBody({
    kind: "dynamic",
    shape: cube,
    density: 500,
    position: { x: -3, y: 12, z: 0 },
  });
  const heavy = world.addBody({
    kind: "dynamic",
    shape: cube,
    density: 3000,
    position: { x: 3, y: 12, z: 0 },
  });
  water.add(light);
  water.add(heavy);
  steps(world, 900);
  assert.ok(
    Math.abs(world.position(light).y - 10) < 0.05,
    `floats with its centre at the surface: ${world.position(light).y}`,
  );
  assert.ok(world.position(heavy).y < 1.1, `sank to the floor: ${world.position(heavy).y}`);
  const wall = world.addBody({ kind: "static", shape: cube });
  assert.throws(() => water.add(wall), /not dynamic/);
  world.free();
});

Deno.test("ragdoll: eleven parts fall to the floor and every joint holds together", async () => {
  const world = await PhysicsWorld.create();
  floorOf(world);
  const ragdoll = createRagdoll(world, { position: { x: 0, y: 3, z: 0 } });
  world.applyImpulse(ragdoll.parts.torso, { x: 30, y: 0, z: 10 }); // knock it over
  steps(world, 240);
  for (const { joint } of ragdoll.joints) {
    const b1 = joint.body1(), b2 = joint.body2();
    const worldAnchor = (body: typeof b1, local: { x: number; y: number; z: number }) => {
      const p = body.translation(), q = body.rotation();
      // rotate local by q
      const tx = 2 * (q.y * local.z - q.z * local.y),
        ty = 2 * (q.z * local.x - q.x * local.z),
        tz = 2 * (q.x * local.y - q.y * local.x);
      return {
        x: p.x + local.x + q.w * tx + q.y * tz - q.z * ty,
        y: p.y + local.y + q.w * ty + q.z * tx - q.x * tz,
        z: p.z + local.z + q.w * tz + q.x * ty - q.y * tx,
      };
    };
    const a = worldAnchor(b1, joint.anchor1()), b = worldAnchor(b2, joint.anchor2());
    assert.ok(Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z) < 0.05, "joint anchors stay together");
  }
  for (const id of Object.values(ragdoll.parts)) {
    assert.ok(world.position(id).y > 0.5 && world.position(id).y < 1.5, "lying on the floor");
  }
  world.free();
});

Deno.test("vehicle: the engine drives it forward, steering turns it, brakes stop it", async () => {
  const world = await PhysicsWorld.create();
  floorOf(world, 200);
  const car = new Vehicle(world, { position: { x: 0, y: 1.5, z: 0 } });
  steps(world, 30);
  assert.equal(car.wheelsInContact(), 4);
  car.drive({ engineForce: 1000 });
  steps(world, 120);
  const fast = car.speed();
  assert.ok(fast > 3, `speed ${fast}`);
  car.drive({ engineForce: 1000, steering: 0.4 });
  steps(world, 60);
  assert.ok(Math.abs(world.position(car.chassis).z) > 0.5, "turned off the x axis");
  car.drive({ brake: 20 });
  steps(world, 240);
  assert.ok(Math.abs(car.speed()) < 0.2, `braked to ${car.speed()}`);
  assert.throws(() => car.drive({ brake: -1 }), PhysicsError);
  world.free();
});

Deno.test("removing a character's or a vehicle's body through the world never breaks later steps", async () => {
  const world = await PhysicsWorld.create();
  floorOf(world);
  const characters = new Characters(world);
  const hero = characters.add({ position: { x: 0, y: 1.5, z: 0 } });
  const other = characters.add({ position: { x: 3, y: 1.5, z: 0 } });
  const car = new Vehicle(world, { position: { x: 10, y: 1.5, z: 0 } });
  const projectiles = new Projectiles(world);
  steps(world, 5);
  world.removeBody(hero);
  world.removeBody(car.chassis);
  projectiles.fire({ position: { x: -5, y: 1, z: 0 }, velocity: { x: 1, y: 0, z: 0 } });
  steps(world, 5); // used to throw "no body with id 1", then trap inside WebAssembly
  assert.equal(characters.count, 1);
  assert.ok(characters.state(other).grounded);
  assert.equal(car.removed, true);
  assert.throws(() => car.drive({ engineForce: 1 }), PhysicsError);
  assert.throws(() => characters.remove(hero), PhysicsError);
  characters.remove(other);
  assert.equal(world.has(other), false);
  const second = new Vehicle(world, { position: { x: -10, y: 1.5, z: 0 } });
  second.remove();
  steps(world, 2);
  assert.equal(world.has(second.chassis), false);
  world.free();
});
