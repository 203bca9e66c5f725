/**
 * The input manager: fed key, mouse, gamepad and touch events (no DOM needed) and a frame
 * boundary, it answers which actions are down, were just pressed or just released this frame,
 * the move and look sticks (radial deadzone with rescale), and the mouse look delta.
 *
 * @module
 */

import {
  type Action,
  actionContext,
  actionIndex,
  ACTIONS,
  type InputContext,
  isInputContext,
} from "./actions.ts";
import {
  type AxisBinding,
  type Binding,
  type BindingSet,
  cloneBindings,
  defaultBindings,
  type InputSource,
  rebind,
  type RebindOptions,
} from "./bindings.ts";
import { type Axis2, radialDeadzone } from "./deadzone.ts";
import { bindingsFromJson } from "./json.ts";
import {
  AXIS_KINDS,
  type AxisKind,
  GAMEPAD_BUTTONS,
  type GamepadButton,
  isMouseButton,
  keyCodeFromDom,
  type MouseButton,
  mouseButtonKey,
} from "./keys.ts";

/**
 * The Rust manager's mouse-look sensitivity: look delta per pixel of mouse motion.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_LOOK_SENSITIVITY, InputManager } from "@astraweave/input";
 * assert.equal(new InputManager().lookSensitivity, DEFAULT_LOOK_SENSITIVITY);
 * ```
 */
export const DEFAULT_LOOK_SENSITIVITY = 0.12;

/**
 * Pixels of finger travel from where a touch started that make a full tilt of the move stick.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { InputManager, TOUCH_STICK_RADIUS } from "@astraweave/input";
 * const input = new InputManager();
 * input.touchStart(0, 0, 0);
 * input.touchMove(0, TOUCH_STICK_RADIUS, 0);
 * assert.deepEqual(input.moveAxis(), { x: 1, y: 0 });
 * ```
 */
export const TOUCH_STICK_RADIUS = 80;

/**
 * Options of the {@link InputManager} constructor.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { InputManager, type InputManagerOptions } from "@astraweave/input";
 * const options: InputManagerOptions = { context: "UI", lookSensitivity: 0.2 };
 * const input = new InputManager(options);
 * assert.equal(input.context, "UI");
 * assert.equal(input.lookSensitivity, 0.2);
 * ```
 */
export interface InputManagerOptions {
  /** The context to start in (default "Gameplay"). */
  context?: InputContext;
  /** The bindings (default: `defaultBindings()`); validated and copied. */
  bindings?: BindingSet;
  /** Look delta per pixel of mouse motion (default {@link DEFAULT_LOOK_SENSITIVITY}). */
  lookSensitivity?: number;
}

/**
 * What {@link InputManager.pollGamepad} reads: the shape of the browser's `Gamepad` in the
 * standard layout (buttons 0 to 15 as `GAMEPAD_BUTTONS`, axes 0 to 3 the sticks, the triggers'
 * analog values in buttons 6 and 7).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type GamepadSnapshot, InputManager } from "@astraweave/input";
 * const pad: GamepadSnapshot = { buttons: [{ pressed: true, value: 1 }], axes: [1, 0] };
 * const input = new InputManager();
 * input.rebind("Jump", { gamepad: "South" });
 * input.pollGamepad(pad);
 * assert.equal(input.isDown("Jump"), true);
 * assert.deepEqual(input.moveAxis(), { x: 1, y: 0 });
 * ```
 */
export interface GamepadSnapshot {
  /** Button states; `value` is the analog value (triggers), 0 to 1. */
  readonly buttons: ArrayLike<{ readonly pressed: boolean; readonly value: number }>;
  /** Stick axes, -1 to 1, Y growing downwards. */
  readonly axes: ArrayLike<number>;
}

const ACTION_COUNT = ACTIONS.length;
const NO_BUTTON = -1;
const GAMEPAD_INDEX: ReadonlyMap<string, number> = new Map(GAMEPAD_BUTTONS.map((b, i) => [b, i]));
const AXIS_INDEX: ReadonlyMap<string, number> = new Map(AXIS_KINDS.map((a, i) => [a, i]));
const [FORWARD, BACKWARD, LEFT, RIGHT] = ["MoveForward", "MoveBackward", "MoveLeft", "MoveRight"]
  .map((a) => actionIndex(a as Action));
const CONTEXT_OF = Uint8Array.from(ACTIONS, (a) => actionContext(a) === "UI" ? 1 : 0);

function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number, got ${value}`);
  }
  return value;
}

/** `index` when it is an action's position in `ACTIONS` (an integer from 0 to 22). */
function checkedIndex(index: number): number {
  // `>>> 0` keeps an integer in range as it is and changes anything else (NaN, 1.5, -1).
  if ((index >>> 0) !== index || index >= ACTION_COUNT) {
    throw new RangeError(`not an action index: ${index}`);
  }
  return index;
}

/** Appends `action` to the list `map` keeps under `input`. */
function index(map: Map<string, number[]>, input: string, action: number): void {
  const list = map.get(input);
  if (list === undefined) map.set(input, [action]);
  else list.push(action);
}

/**
 * Turns input events into action states, frame by frame.
 *
 * Each action is down while any input bound to it is held and its context is the active one;
 * `justPressed` and `justReleased` hold from the event until {@link InputManager.clearFrame},
 * which the game calls once per frame after reading them (so a press and release within one
 * frame shows as both, and is never lost). An input held when the context switches or the
 * bindings change does not fire the actions it newly reaches until it is released and pressed
 * again: the Escape that opened the menu does not also close it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { InputManager } from "@astraweave/input";
 * const input = new InputManager();
 * input.keyDown("Space");
 * assert.equal(input.isDown("Jump"), true);
 * assert.equal(input.justPressed("Jump"), true);
 * input.clearFrame();
 * assert.equal(input.justPressed("Jump"), false); // one frame only
 * input.keyUp("Space");
 * assert.equal(input.justReleased("Jump"), true);
 * ```
 */
export class InputManager {
  #context: InputContext;
  #active: number;
  #bindings: BindingSet;
  #lookSensitivity = DEFAULT_LOOK_SENSITIVITY;

  // One bit per action (bit i is ACTIONS[i]; 23 fit in an int32): a frame boundary is two stores.
  #down = 0;
  #pressed = 0;
  #released = 0;
  /** Held through a context switch or rebinding: not down until its inputs are all released. */
  #blocked = 0;

  readonly #keysHeld = new Set<string>();
  readonly #mouseHeld = new Set<string>();
  readonly #padHeld = new Uint8Array(GAMEPAD_BUTTONS.length);
  readonly #axes = new Float64Array(AXIS_KINDS.length);
  #mouseDx = 0;
  #mouseDy = 0;

  #touchId: number | undefined;
  #touchOriginX = 0;
  #touchOriginY = 0;
  #touchX = 0;
  #touchY = 0;

  // Each action's inputs, and each input's actions, rebuilt when the bindings change.
  #actionKey: (string | null)[] = [];
  #actionMouse: (string | null)[] = [];
  readonly #actionPad = new Int8Array(ACTION_COUNT);
  #bindingAt: (Readonly<Binding> | undefined)[] = [];
  #byKey = new Map<string, number[]>();
  #byMouse = new Map<string, number[]>();
  #byPad: number[][] = [];
  #moveAxes: [number, number, AxisBinding, AxisBinding] = [0, 0, null!, null!];
  #lookAxes: [number, number, AxisBinding, AxisBinding] = [0, 0, null!, null!];

  /**
   * A manager in `options.context` (default "Gameplay") with `options.bindings` (default: the
   * Rust defaults).
   *
   * @throws {import("./errors.ts").BindingsError} when the bindings are not valid.
   */
  constructor(options: InputManagerOptions = {}) {
    const context = options.context ?? "Gameplay";
    if (!isInputContext(context)) throw new TypeError(`unknown input context ${String(context)}`);
    this.#context = context;
    this.#active = context === "UI" ? 1 : 0;
    this.#bindings = this.#install(options.bindings ?? defaultBindings());
    if (options.lookSensitivity !== undefined) this.lookSensitivity = options.lookSensitivity;
  }

  /** The active context. */
  get context(): InputContext {
    return this.#context;
  }

  /**
   * Makes `context` the active one: actions of the other context that were down are released
   * (`justReleased`), and inputs still held do not fire actions of the new one until pressed
   * again.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.keyDown("Escape"); // OpenMenu in Gameplay, UiBack in UI
   * assert.equal(input.justPressed("OpenMenu"), true);
   * input.setContext("UI");
   * assert.equal(input.isDown("UiBack"), false); // the same press does not close the menu
   * input.keyUp("Escape");
   * input.keyDown("Escape");
   * assert.equal(input.justPressed("UiBack"), true);
   * ```
   */
  setContext(context: InputContext): void {
    if (!isInputContext(context)) throw new TypeError(`unknown input context ${String(context)}`);
    if (context === this.#context) return;
    this.#context = context;
    this.#active = context === "UI" ? 1 : 0;
    this.#settle();
  }

  /** A copy of the bindings in use. */
  get bindings(): BindingSet {
    return cloneBindings(this.#bindings);
  }

  /**
   * Replaces the bindings, after checking them; on a bad set the manager keeps the bindings it
   * had. Actions whose input is held when they gain it wait for the next press.
   *
   * @throws {import("./errors.ts").BindingsError} naming the bad field.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { BindingsError, defaultBindings, InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * const bad = defaultBindings();
   * bad.moveAxes[0].deadzone = NaN;
   * assert.throws(() => input.setBindings(bad), BindingsError);
   * assert.equal(input.bindings.moveAxes[0].deadzone, 0.15); // kept
   * ```
   */
  setBindings(set: BindingSet): void {
    this.#bindings = this.#install(set);
    this.#settle();
  }

  /**
   * Binds `source` to `action` (see `rebind`: refused with a `BindingConflictError` when another
   * action of the same context holds it, unless `options.swap`).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { BindingConflictError, InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * assert.throws(() => input.rebind("Jump", { key: "KeyE" }), BindingConflictError);
   * input.rebind("Jump", { key: "KeyE" }, { swap: true });
   * input.keyDown("KeyE");
   * assert.equal(input.isDown("Jump"), true);
   * assert.equal(input.bindingOf("Interact")?.key, "Space");
   * ```
   */
  rebind(action: Action, source: InputSource, options?: RebindOptions): void {
    this.setBindings(rebind(this.#bindings, action, source, options));
  }

  /**
   * The binding of `action`, or undefined when it is unbound (read-only: change bindings with
   * {@link InputManager.rebind} or {@link InputManager.setBindings}).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * assert.equal(input.bindingOf("MoveForward")?.key, "KeyW");
   * assert.equal(input.bindingOf("Ability1"), undefined);
   * ```
   */
  bindingOf(action: Action): Readonly<Binding> | undefined {
    return this.#bindingAt[actionIndex(action)];
  }

  /**
   * Look delta per pixel of mouse motion (default 0.12, the Rust `look_sensitivity`).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * assert.equal(input.lookSensitivity, 0.12);
   * assert.throws(() => { input.lookSensitivity = -1; }, RangeError);
   * ```
   */
  get lookSensitivity(): number {
    return this.#lookSensitivity;
  }

  /** @throws {RangeError} unless `value` is a finite number above 0. */
  set lookSensitivity(value: number) {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`look sensitivity must be a finite number above 0, got ${value}`);
    }
    this.#lookSensitivity = value;
  }

  /**
   * A key went down: `code` is a `KeyboardEvent.code` ("KeyW"; "MetaLeft" is read as winit's
   * "SuperLeft"). Key repeats and codes no binding can name are ignored.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.keyDown("KeyW");
   * input.keyDown("KeyW"); // a repeat: still one press
   * assert.equal(input.isDown("MoveForward"), true);
   * input.keyUp("KeyW");
   * assert.equal(input.isDown("MoveForward"), false);
   * ```
   */
  keyDown(code: string): void {
    const key = keyCodeFromDom(code);
    if (key === undefined || this.#keysHeld.has(key)) return;
    this.#keysHeld.add(key);
    this.#refreshAll(this.#byKey.get(key));
  }

  /** A key went up (see {@link InputManager.keyDown}). */
  keyUp(code: string): void {
    const key = keyCodeFromDom(code);
    if (key === undefined || !this.#keysHeld.delete(key)) return;
    this.#refreshAll(this.#byKey.get(key));
  }

  /**
   * A mouse button went down or up (`mouseButtonFromDom(event.button)` converts the browser's
   * number).
   *
   * @throws {RangeError} for a value that is not a mouse button.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager, mouseButtonFromDom } from "@astraweave/input";
   * const input = new InputManager();
   * input.mouseButton(mouseButtonFromDom(0), true);
   * assert.equal(input.isDown("AttackLight"), true);
   * input.mouseButton("Left", false);
   * assert.equal(input.isDown("AttackLight"), false);
   * ```
   */
  mouseButton(button: MouseButton, down: boolean): void {
    if (!isMouseButton(button)) {
      throw new RangeError(`not a mouse button: ${JSON.stringify(button)}`);
    }
    const key = mouseButtonKey(button);
    if (down === this.#mouseHeld.has(key)) return;
    if (down) this.#mouseHeld.add(key);
    else this.#mouseHeld.delete(key);
    this.#refreshAll(this.#byMouse.get(key));
  }

  /**
   * The mouse moved by `(dx, dy)` pixels (`MouseEvent.movementX/Y`); summed until
   * {@link InputManager.clearFrame}.
   *
   * @throws {RangeError} for a non-finite delta.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager({ lookSensitivity: 0.5 });
   * input.mouseMotion(4, -2);
   * assert.deepEqual(input.lookDelta(), { x: 2, y: -1 });
   * assert.throws(() => input.mouseMotion(NaN, 0), RangeError);
   * ```
   */
  mouseMotion(dx: number, dy: number): void {
    this.#mouseDx += finite(dx, "mouse dx");
    this.#mouseDy += finite(dy, "mouse dy");
  }

  /**
   * A gamepad button went down or up.
   *
   * @throws {RangeError} for a name not in `GAMEPAD_BUTTONS`.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.rebind("Jump", { gamepad: "South" });
   * input.gamepadButton("South", true);
   * assert.equal(input.isDown("Jump"), true);
   * input.keyDown("Space");
   * input.gamepadButton("South", false);
   * assert.equal(input.isDown("Jump"), true); // Space still holds it
   * ```
   */
  gamepadButton(button: GamepadButton, down: boolean): void {
    const i = GAMEPAD_INDEX.get(button);
    if (i === undefined) throw new RangeError(`not a gamepad button: ${JSON.stringify(button)}`);
    const value = down ? 1 : 0;
    if (this.#padHeld[i] === value) return;
    this.#padHeld[i] = value;
    this.#refreshAll(this.#byPad[i]);
  }

  /**
   * A gamepad axis moved: sticks from -1 to 1 (Y growing downwards, as the browser reports it),
   * triggers from 0 to 1; values past the range are clamped.
   *
   * @throws {RangeError} for an unknown axis or a non-finite value.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.gamepadAxis("LeftX", 1.3); // clamped
   * assert.equal(input.axisValue("LeftX"), 1);
   * assert.throws(() => input.gamepadAxis("LeftX", Infinity), RangeError);
   * ```
   */
  gamepadAxis(axis: AxisKind, value: number): void {
    const i = AXIS_INDEX.get(axis);
    if (i === undefined) throw new RangeError(`not a gamepad axis: ${JSON.stringify(axis)}`);
    finite(value, `axis ${axis}`);
    this.#axes[i] = Math.min(1, Math.max(i >= 4 ? 0 : -1, value));
  }

  /**
   * Reads a whole gamepad in the standard layout (such as `navigator.getGamepads()[0]`), as
   * button and axis events.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * const buttons = Array.from({ length: 17 }, () => ({ pressed: false, value: 0 }));
   * buttons[7] = { pressed: true, value: 0.5 };
   * input.pollGamepad({ buttons, axes: [0, -1, 0, 0] }); // left stick pushed up
   * assert.deepEqual(input.moveAxis(), { x: 0, y: 1 });
   * assert.equal(input.axisValue("RT"), 0.5);
   * ```
   */
  pollGamepad(pad: GamepadSnapshot): void {
    const buttons = Math.min(pad.buttons.length, GAMEPAD_BUTTONS.length);
    for (let i = 0; i < buttons; i++) {
      this.gamepadButton(GAMEPAD_BUTTONS[i], pad.buttons[i].pressed);
    }
    const sticks = Math.min(pad.axes.length, 4);
    for (let i = 0; i < sticks; i++) this.gamepadAxis(AXIS_KINDS[i], pad.axes[i]);
    if (pad.buttons.length > 7) {
      this.gamepadAxis("LT", pad.buttons[6].value);
      this.gamepadAxis("RT", pad.buttons[7].value);
    }
  }

  /**
   * A touch began at `(x, y)` pixels; the first touch is a virtual move stick centered there
   * (later touches are ignored until it ends).
   *
   * @throws {RangeError} for a non-finite position.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.touchStart(1, 100, 100);
   * input.touchMove(1, 140, 60); // 40 px right and 40 px up, of an 80 px radius
   * assert.deepEqual(input.moveAxis(), { x: 0.5, y: 0.5 });
   * input.touchEnd(1);
   * assert.deepEqual(input.moveAxis(), { x: 0, y: 0 });
   * ```
   */
  touchStart(id: number, x: number, y: number): void {
    // A NaN id would never match its own touchEnd, and the stick would stay held.
    finite(id, "touch id");
    finite(x, "touch x");
    finite(y, "touch y");
    if (this.#touchId !== undefined) return;
    this.#touchId = id;
    this.#touchOriginX = this.#touchX = x;
    this.#touchOriginY = this.#touchY = y;
  }

  /**
   * Touch `id` moved to `(x, y)` pixels.
   *
   * @throws {RangeError} for a non-finite position.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.touchStart(3, 50, 50);
   * input.touchMove(4, 0, 0); // another finger: ignored
   * input.touchMove(3, 50, 90); // 40 px down: half back
   * assert.deepEqual(input.moveAxis(), { x: 0, y: -0.5 });
   * ```
   */
  touchMove(id: number, x: number, y: number): void {
    finite(x, "touch x");
    finite(y, "touch y");
    if (id !== this.#touchId) return;
    this.#touchX = x;
    this.#touchY = y;
  }

  /**
   * Touch `id` ended or was cancelled.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.touchStart(1, 0, 0);
   * input.touchMove(1, 80, 0);
   * input.touchEnd(1);
   * assert.deepEqual(input.moveAxis(), { x: 0, y: 0 });
   * ```
   */
  touchEnd(id: number): void {
    if (id === this.#touchId) this.#touchId = undefined;
  }

  /**
   * Releases every held input (keys, mouse buttons, gamepad buttons, sticks, touch), as if each
   * had been let go: call it when the window loses focus or the gamepad disconnects, since the
   * matching up events never come then. Actions that were down report `justReleased`.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.keyDown("KeyW");
   * input.gamepadAxis("LeftX", 1);
   * input.releaseAll(); // window "blur": the key-up will never arrive
   * assert.equal(input.isDown("MoveForward"), false);
   * assert.equal(input.justReleased("MoveForward"), true);
   * assert.deepEqual(input.moveAxis(), { x: 0, y: 0 });
   * ```
   */
  releaseAll(): void {
    this.#keysHeld.clear();
    this.#mouseHeld.clear();
    this.#padHeld.fill(0);
    this.#axes.fill(0);
    this.#touchId = undefined;
    for (let i = 0; i < ACTION_COUNT; i++) this.#refresh(i);
  }

  /**
   * Ends the frame: `justPressed`, `justReleased` and the mouse delta start over. Call it once
   * per frame, after the game has read them (the Rust `clear_frame`).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.keyDown("KeyE");
   * input.keyUp("KeyE"); // a tap inside one frame
   * assert.equal(input.justPressed("Interact") && input.justReleased("Interact"), true);
   * input.clearFrame();
   * assert.equal(input.justPressed("Interact") || input.justReleased("Interact"), false);
   * ```
   */
  clearFrame(): void {
    this.#pressed = 0;
    this.#released = 0;
    this.#mouseDx = 0;
    this.#mouseDy = 0;
  }

  /**
   * Whether `action` is held now.
   *
   * @throws {TypeError} for an unknown action.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.keyDown("ShiftLeft");
   * assert.equal(input.isDown("Sprint"), true);
   * assert.throws(() => input.isDown("Fly" as "Jump"), TypeError);
   * ```
   */
  isDown(action: Action): boolean {
    return ((this.#down >>> actionIndex(action)) & 1) === 1;
  }

  /**
   * Whether `action` went down this frame.
   *
   * @throws {TypeError} for an unknown action.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.keyDown("KeyI");
   * assert.equal(input.justPressed("OpenInventory"), true);
   * ```
   */
  justPressed(action: Action): boolean {
    return ((this.#pressed >>> actionIndex(action)) & 1) === 1;
  }

  /**
   * Whether `action` went up this frame.
   *
   * @throws {TypeError} for an unknown action.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.keyDown("KeyM");
   * input.clearFrame();
   * input.keyUp("KeyM");
   * assert.equal(input.justReleased("OpenMap"), true);
   * ```
   */
  justReleased(action: Action): boolean {
    return ((this.#released >>> actionIndex(action)) & 1) === 1;
  }

  /**
   * {@link InputManager.isDown} by the action's index in `ACTIONS` (`actionIndex(action)`,
   * resolved once), without the name lookup a query by name pays: for a game loop that asks
   * about the same actions every frame.
   *
   * @throws {RangeError} for a number that is not an action's index.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { actionIndex, InputManager } from "@astraweave/input";
   * const JUMP = actionIndex("Jump");
   * const input = new InputManager();
   * input.keyDown("Space");
   * assert.equal(input.isDownAt(JUMP), true);
   * assert.throws(() => input.isDownAt(23), RangeError);
   * ```
   */
  isDownAt(index: number): boolean {
    return ((this.#down >>> checkedIndex(index)) & 1) === 1;
  }

  /**
   * {@link InputManager.justPressed} by the action's index (see {@link InputManager.isDownAt}).
   *
   * @throws {RangeError} for a number that is not an action's index.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { actionIndex, InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.keyDown("KeyE");
   * assert.equal(input.justPressedAt(actionIndex("Interact")), true);
   * assert.throws(() => input.justPressedAt(1.5), RangeError);
   * ```
   */
  justPressedAt(index: number): boolean {
    return ((this.#pressed >>> checkedIndex(index)) & 1) === 1;
  }

  /**
   * {@link InputManager.justReleased} by the action's index (see {@link InputManager.isDownAt}).
   *
   * @throws {RangeError} for a number that is not an action's index.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { actionIndex, InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.keyDown("KeyE");
   * input.keyUp("KeyE");
   * assert.equal(input.justReleasedAt(actionIndex("Interact")), true);
   * assert.throws(() => input.justReleasedAt(-1), RangeError);
   * ```
   */
  justReleasedAt(index: number): boolean {
    return ((this.#released >>> checkedIndex(index)) & 1) === 1;
  }

  /**
   * The raw value of a gamepad axis (clamped, no deadzone), for screens that read a stick
   * themselves.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager({ context: "UI" });
   * input.gamepadAxis("LeftY", -0.1); // inside the deadzone, but raw
   * assert.equal(input.axisValue("LeftY"), -0.1);
   * assert.deepEqual(input.moveAxis(), { x: 0, y: 0 }); // and moveAxis is zero in UI
   * ```
   */
  axisValue(axis: AxisKind): number {
    const i = AXIS_INDEX.get(axis);
    if (i === undefined) throw new RangeError(`not a gamepad axis: ${JSON.stringify(axis)}`);
    return this.#axes[i];
  }

  /**
   * Where to move, written to `out` (default: a new object): x right, y forward, length at most
   * 1. From the touch stick while a touch is held, else the move stick (radial deadzone with
   * rescale, the larger of the two axes' deadzones) when it is out of its deadzone, else the
   * movement keys (diagonals normalized). Zero outside the Gameplay context.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.keyDown("KeyW");
   * input.keyDown("KeyD");
   * const move = input.moveAxis();
   * assert.ok(Math.abs(move.x - Math.SQRT1_2) < 1e-12 && Math.abs(move.y - Math.SQRT1_2) < 1e-12);
   * input.gamepadAxis("LeftX", -1); // the stick wins over the keys
   * assert.deepEqual(input.moveAxis(move), { x: -1, y: 0 });
   * ```
   */
  moveAxis(out: Axis2 = { x: 0, y: 0 }): Axis2 {
    out.x = 0;
    out.y = 0;
    if (this.#active !== 0) return out;
    if (this.#touchId !== undefined) {
      const x = (this.#touchX - this.#touchOriginX) / TOUCH_STICK_RADIUS;
      const y = (this.#touchOriginY - this.#touchY) / TOUCH_STICK_RADIUS;
      const length = Math.hypot(x, y);
      const scale = length > 1 ? 1 / length : 1;
      out.x = x * scale;
      out.y = y * scale;
      return out;
    }
    this.#stick(this.#moveAxes, out);
    if (out.x !== 0 || out.y !== 0) return out;
    const bit = (i: number) => (this.#down >>> i) & 1;
    const x = bit(RIGHT) - bit(LEFT);
    const y = bit(FORWARD) - bit(BACKWARD);
    const scale = x !== 0 && y !== 0 ? Math.SQRT1_2 : 1;
    out.x = x * scale;
    out.y = y * scale;
    return out;
  }

  /**
   * The look stick, written to `out` (default: a new object): x right, y up with the default
   * inverted Y; radial deadzone with rescale. Zero outside the Gameplay context.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.gamepadAxis("RightX", 0.1); // inside the 0.12 look deadzone
   * assert.deepEqual(input.lookAxis(), { x: 0, y: 0 });
   * input.gamepadAxis("RightX", 0);
   * input.gamepadAxis("RightY", -1); // pushed up
   * assert.deepEqual(input.lookAxis(), { x: 0, y: 1 });
   * ```
   */
  lookAxis(out: Axis2 = { x: 0, y: 0 }): Axis2 {
    out.x = 0;
    out.y = 0;
    return this.#active === 0 ? this.#stick(this.#lookAxes, out) : out;
  }

  /**
   * This frame's mouse motion times {@link InputManager.lookSensitivity}, written to `out`
   * (default: a new object): x right, y down, as the mouse reports it. Zero outside the Gameplay
   * context.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { InputManager } from "@astraweave/input";
   * const input = new InputManager();
   * input.mouseMotion(10, -5);
   * input.mouseMotion(15, 0);
   * const look = input.lookDelta();
   * assert.ok(Math.abs(look.x - 3) < 1e-12 && Math.abs(look.y + 0.6) < 1e-12);
   * input.clearFrame();
   * assert.deepEqual(input.lookDelta(), { x: 0, y: 0 });
   * ```
   */
  lookDelta(out: Axis2 = { x: 0, y: 0 }): Axis2 {
    const on = this.#active === 0;
    out.x = on ? this.#mouseDx * this.#lookSensitivity : 0;
    out.y = on ? this.#mouseDy * this.#lookSensitivity : 0;
    return out;
  }

  #stick(axes: [number, number, AxisBinding, AxisBinding], out: Axis2): Axis2 {
    const [xi, yi, xb, yb] = axes;
    const x = xb.invert ? -this.#axes[xi] : this.#axes[xi];
    const y = yb.invert ? -this.#axes[yi] : this.#axes[yi];
    return radialDeadzone(x, y, Math.max(xb.deadzone, yb.deadzone), out);
  }

  /** Checks and copies `set`, and rebuilds the lookup tables from it; returns the copy. */
  #install(set: BindingSet): BindingSet {
    // The JSON reader checks every field (and copies), so a set built in code is held to the
    // same rules as a file.
    const checked = bindingsFromJson({
      actions: set.actions,
      move_axes: set.moveAxes,
      look_axes: set.lookAxes,
    });
    const byKey = new Map<string, number[]>();
    const byMouse = new Map<string, number[]>();
    const byPad: number[][] = GAMEPAD_BUTTONS.map(() => []);
    for (let i = 0; i < ACTION_COUNT; i++) {
      const action = ACTIONS[i];
      const binding = checked.actions[action];
      const key = binding?.key ?? null;
      const mouse = binding?.mouse == null ? null : mouseButtonKey(binding.mouse);
      const pad = binding?.gamepad == null ? NO_BUTTON : GAMEPAD_INDEX.get(binding.gamepad)!;
      this.#actionKey[i] = key;
      this.#actionMouse[i] = mouse;
      this.#actionPad[i] = pad;
      if (key !== null) index(byKey, key, i);
      if (mouse !== null) index(byMouse, mouse, i);
      if (pad !== NO_BUTTON) byPad[pad].push(i);
      if (binding !== undefined) {
        // Handed out by bindingOf: frozen so that no one changes them behind the lookup tables.
        if (binding.mouse !== null) Object.freeze(binding.mouse);
        Object.freeze(binding);
      }
      this.#bindingAt[i] = binding;
    }
    this.#byKey = byKey;
    this.#byMouse = byMouse;
    this.#byPad = byPad;
    const axes = (pair: [AxisBinding, AxisBinding]): [number, number, AxisBinding, AxisBinding] => [
      AXIS_INDEX.get(pair[0].axis)!,
      AXIS_INDEX.get(pair[1].axis)!,
      pair[0],
      pair[1],
    ];
    this.#moveAxes = axes(checked.moveAxes);
    this.#lookAxes = axes(checked.lookAxes);
    return checked;
  }

  #held(i: number): boolean {
    const key = this.#actionKey[i];
    const mouse = this.#actionMouse[i];
    const pad = this.#actionPad[i];
    return (key !== null && this.#keysHeld.has(key)) ||
      (mouse !== null && this.#mouseHeld.has(mouse)) ||
      (pad !== NO_BUTTON && this.#padHeld[pad] === 1);
  }

  #refresh(i: number): void {
    const bit = 1 << i;
    const held = this.#held(i);
    if (!held) this.#blocked &= ~bit;
    const down = held && CONTEXT_OF[i] === this.#active && (this.#blocked & bit) === 0;
    if (down === ((this.#down & bit) !== 0)) return;
    this.#down ^= bit;
    if (down) this.#pressed |= bit;
    else this.#released |= bit;
  }

  #refreshAll(actions: readonly number[] | undefined): void {
    if (actions === undefined) return;
    for (let k = 0; k < actions.length; k++) this.#refresh(actions[k]);
  }

  /** After a context or bindings change: held inputs do not fire what they newly reach. */
  #settle(): void {
    for (let i = 0; i < ACTION_COUNT; i++) {
      if ((this.#down & (1 << i)) === 0 && this.#held(i)) this.#blocked |= 1 << i;
      this.#refresh(i);
    }
  }
}
