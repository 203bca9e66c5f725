/**
 * astraweave-input benchmarks: the Rust original's 14 flat benchmarks (`binding_creation` to
 * `sensitivity_access`), each a group of its own named as in Rust, and one of ours (`frame`: a
 * whole frame of events and queries).
 *
 * A query, a field read or a one-object creation takes a few nanoseconds, about the harness floor
 * (an empty function, about 4 ns here), so those benchmarks do {@link COUNT} of them per call
 * (declared as throughput, budget per operation times COUNT) and cycle through different actions
 * so that the JIT cannot hoist one answer out of the loop; operations of a microsecond or more are
 * measured one per call.
 *
 * @module
 */

import {
  type Action,
  actionIndex,
  type Binding,
  bindingFromJson,
  cloneBindings,
  defaultBindings,
  InputManager,
  rebind,
} from "@astraweave/input";
import { benchCrate, consume, ns, us } from "@astraweave/bench-protocol";

const bench = benchCrate("astraweave-input");
const COUNT = 1000;
const throughput = { elements: COUNT };
/** A budget of `nsEach` per operation for a call doing {@link COUNT} of them. */
const perOp = (nsEach: number, why: string) => ns(nsEach * COUNT, why);

const bindings = defaultBindings();
const binding: Binding = { key: "KeyW", mouse: "Left", gamepad: "South" };
const bindingText = JSON.stringify(binding);

/** A manager with some actions held, so the queries do not all answer false. */
function busyManager(): InputManager {
  const manager = new InputManager({ bindings });
  manager.keyDown("KeyW");
  manager.keyDown("KeyD");
  manager.keyDown("Space");
  return manager;
}
const manager = busyManager();
/** The actions queried in turn: held and not held, early and late in the table. */
const queried: readonly Action[] = [
  "MoveForward",
  "MoveBackward",
  "Jump",
  "MoveRight",
  "Interact",
  "UiBack",
  "AttackLight",
  "MoveLeft",
];

bench({
  group: "binding_creation",
  name: "x1000",
  budget: perOp(20, "20 ns per binding: a whole rebinding screen's worth in microseconds"),
  throughput,
  fn: () => {
    const made: Binding[] = new Array(COUNT);
    for (let i = 0; i < COUNT; i++) made[i] = { key: "KeyW", mouse: "Left", gamepad: "South" };
    consume(made);
  },
});

bench({
  group: "binding_serialization",
  name: "json",
  budget: us(2, "one binding to JSON in 2 µs: a full set of 23 in 1/350 of a frame"),
  fn: () => consume(JSON.stringify(binding)),
});

bench({
  group: "binding_deserialization",
  name: "json_checked",
  budget: us(5, "parse and check one binding in 5 µs: a full set of 23 in 1/140 of a frame"),
  fn: () => consume(bindingFromJson(JSON.parse(bindingText))),
});

bench({
  group: "binding_set_creation",
  name: "defaults",
  budget: us(5, "the 21 default bindings in 1/3300 of a 60 FPS frame"),
  fn: () => consume(defaultBindings()),
});

bench({
  group: "input_manager_creation",
  name: "checked",
  budget: us(50, "a manager (bindings checked, tables built) in 1/333 of a frame; made once"),
  fn: () => consume(new InputManager({ bindings })),
});

{
  const switching = busyManager();
  bench({
    group: "context_switching",
    name: "to_ui_and_back",
    budget: us(2, "two switches (23 actions settled each) in 1/8000 of a frame"),
    fn: () => {
      switching.setContext("UI");
      switching.setContext("Gameplay");
      consume(switching);
    },
  });
}

bench({
  group: "is_down_query",
  name: "x1000",
  budget: perOp(10, "10 ns per query: 100 per frame cost 1 µs"),
  throughput,
  fn: () => {
    let down = 0;
    for (let i = 0; i < COUNT; i++) if (manager.isDown(queried[i & 7])) down++;
    consume(down);
  },
});

/** The queried actions resolved once to their indices, as a game loop would hold them. */
const queriedIndex = Int8Array.from(queried, actionIndex);

bench({
  group: "is_down_query",
  name: "by_index_x1000",
  budget: perOp(10, "10 ns per query: 100 per frame cost 1 µs"),
  throughput,
  fn: () => {
    let down = 0;
    for (let i = 0; i < COUNT; i++) if (manager.isDownAt(queriedIndex[i & 7])) down++;
    consume(down);
  },
});

bench({
  group: "just_pressed_query",
  name: "x1000",
  budget: perOp(10, "10 ns per query: 100 per frame cost 1 µs"),
  throughput,
  fn: () => {
    let pressed = 0;
    for (let i = 0; i < COUNT; i++) if (manager.justPressed(queried[i & 7])) pressed++;
    consume(pressed);
  },
});

bench({
  group: "just_pressed_query",
  name: "by_index_x1000",
  budget: perOp(10, "10 ns per query: 100 per frame cost 1 µs"),
  throughput,
  fn: () => {
    let pressed = 0;
    for (let i = 0; i < COUNT; i++) if (manager.justPressedAt(queriedIndex[i & 7])) pressed++;
    consume(pressed);
  },
});

{
  const clearing = busyManager();
  bench({
    group: "clear_frame",
    name: "x1000",
    budget: perOp(50, "50 ns per frame boundary, once per frame"),
    throughput,
    fn: () => {
      for (let i = 0; i < COUNT; i++) clearing.clearFrame();
      consume(clearing);
    },
  });
}

bench({
  group: "binding_lookup",
  name: "x1000",
  budget: perOp(
    50,
    "a rebinding screen reads its 23 bindings each frame: 50 ns each, 1/14,000 of it",
  ),
  throughput,
  fn: () => {
    let bound = 0;
    for (let i = 0; i < COUNT; i++) if (manager.bindingOf(queried[i & 7])?.key != null) bound++;
    consume(bound);
  },
});

bench({
  group: "multiple_queries",
  name: "x1000",
  budget: perOp(50, "50 ns for the Rust bench's five queries (four moves and a jump)"),
  throughput,
  fn: () => {
    let count = 0;
    for (let i = 0; i < COUNT; i++) {
      if (manager.isDown("MoveForward")) count++;
      if (manager.isDown("MoveBackward")) count++;
      if (manager.isDown("MoveLeft")) count++;
      if (manager.isDown("MoveRight")) count++;
      if (manager.justPressed(queried[i & 7])) count++;
    }
    consume(count);
  },
});

{
  // The same five queries with the actions resolved to indices once, as a game would.
  const [forward, backward, left, right] = ["MoveForward", "MoveBackward", "MoveLeft", "MoveRight"]
    .map((action) => actionIndex(action as Action));
  bench({
    group: "multiple_queries",
    name: "by_index_x1000",
    budget: perOp(50, "50 ns for the Rust bench's five queries (four moves and a jump)"),
    throughput,
    fn: () => {
      let count = 0;
      for (let i = 0; i < COUNT; i++) {
        if (manager.isDownAt(forward)) count++;
        if (manager.isDownAt(backward)) count++;
        if (manager.isDownAt(left)) count++;
        if (manager.isDownAt(right)) count++;
        if (manager.justPressedAt(queriedIndex[i & 7])) count++;
      }
      consume(count);
    },
  });
}

bench({
  group: "binding_set_clone",
  name: "deep",
  budget: us(5, "a deep copy of the default set in 1/3300 of a frame"),
  fn: () => consume(cloneBindings(bindings)),
});

bench({
  group: "action_insertion",
  name: "insert",
  budget: us(5, "the Rust bench: a default set plus one binding, in 1/3300 of a frame"),
  fn: () => {
    const set = defaultBindings();
    set.actions.Ability1 = { key: "KeyQ", mouse: null, gamepad: null };
    consume(set);
  },
});

bench({
  group: "action_insertion",
  name: "rebind_checked",
  budget: us(10, "the same through rebind (conflict check, copy) in 1/1600 of a frame"),
  fn: () => consume(rebind(defaultBindings(), "Ability1", { key: "KeyQ" })),
});

bench({
  group: "sensitivity_access",
  name: "x1000",
  budget: perOp(5, "5 ns per read of a getter"),
  throughput,
  fn: () => {
    let sum = 0;
    for (let i = 0; i < COUNT; i++) sum += manager.lookSensitivity;
    consume(sum);
  },
});

{
  // One frame of a busy player: keys down and up, mouse motion, a gamepad poll, every query
  // and both sticks read, then the frame boundary.
  const frame = new InputManager({ bindings });
  const buttons = Array.from({ length: 17 }, () => ({ pressed: false, value: 0 }));
  const pad = { buttons, axes: [0.4, -0.6, 0.1, 0.05] };
  const all = [...queried];
  const move = { x: 0, y: 0 }, look = { x: 0, y: 0 }, delta = { x: 0, y: 0 };
  bench({
    group: "frame",
    name: "events_and_queries",
    budget: us(5, "one frame's input handled in 1/3300 of that frame"),
    fn: () => {
      frame.keyDown("KeyW");
      frame.keyDown("ShiftLeft");
      frame.mouseMotion(12, -3);
      frame.pollGamepad(pad);
      let count = 0;
      for (const action of all) {
        if (frame.isDown(action)) count++;
        if (frame.justPressed(action)) count++;
      }
      frame.moveAxis(move);
      frame.lookAxis(look);
      frame.lookDelta(delta);
      frame.keyUp("KeyW");
      frame.keyUp("ShiftLeft");
      frame.clearFrame();
      consume(count + move.x + look.y + delta.x);
    },
  });
}
