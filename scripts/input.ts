/**
 * `deno task input`: prints the default bindings of `@astraweave/input`, checks a bindings file
 * (the Rust crate's JSON format), and rebinds one action in one.
 *
 * ```sh
 * deno task input defaults > bindings.json
 * deno task input check bindings.json
 * deno task input rebind bindings.json Jump --gamepad South --out bindings.json
 * ```
 *
 * Exit status: 0 on success, 2 on bad input (one line on stderr).
 *
 * @module
 */

import {
  type Action,
  ACTIONS,
  BindingConflictError,
  BindingsError,
  type BindingSet,
  bindingsToJson,
  defaultBindings,
  GAMEPAD_BUTTONS,
  type InputSource,
  isAction,
  isGamepadButton,
  isKeyCode,
  isMouseButton,
  MOUSE_BUTTON_NAMES,
  type MouseButton,
  parseBindings,
  rebind,
} from "@astraweave/input";
import {
  noPositionals,
  parseCli,
  readUserText,
  runCli,
  runCommand,
  UsageError,
  writeUserFile,
} from "./cli.ts";

const HELP: Record<string, string> = {
  main: `Usage: deno task input <command> [options]

Bindings of the game's 23 actions to keys, mouse buttons and gamepad buttons, in the JSON format
of the Rust astraweave-input crate (its save_bindings files load here, and the other way round).

Commands:
  defaults   print the default bindings as JSON, a starting point for a bindings file
  check      check a bindings file and summarize it
  rebind     bind a key, mouse button or gamepad button to an action in a bindings file

Run "deno task input <command> --help" for a command's options.
Exit status: 0 success, 2 bad input.`,
  defaults: `Usage: deno task input defaults

Prints the default bindings (the Rust crate's BindingSet::default()) as JSON: WASD, Space, Control,
Shift, E, the mouse buttons, I M J C, Escape; Enter, Escape and the arrows in the UI; the left
stick moves and the right stick looks, Y inverted, deadzones 0.15 and 0.12.`,
  check: `Usage: deno task input check FILE

Checks the bindings file FILE: every action, key code (KeyboardEvent.code names, as winit spells
them), mouse and gamepad button and axis known, deadzones finite and from 0 up to 1, no two
actions of one context on the same input. Prints a summary, or one line naming the bad field
and exits 2.`,
  rebind:
    `Usage: deno task input rebind FILE ACTION (--key CODE | --mouse BUTTON | --gamepad BUTTON)
                            [--swap] [--out FILE]

Binds one input to ACTION in the bindings file FILE ("-" for the defaults) and prints the result
as JSON, or writes it to --out. An input already bound to another action of the same context
(gameplay or UI) is refused, unless --swap gives that action ACTION's previous input.

Options:
  --key CODE        a key code: KeyW, Space, ShiftLeft, ArrowUp, F5...
  --mouse BUTTON    ${MOUSE_BUTTON_NAMES.join(", ")}, or Other(N) for button N
  --gamepad BUTTON  ${GAMEPAD_BUTTONS.join(", ")}
  --swap            trade inputs with the action that holds it
  --out FILE        write the bindings to FILE instead of printing them`,
};

/** The bindings in the file at `path`; "-" stands for the defaults. */
function readBindings(path: string): BindingSet {
  if (path === "-") return defaultBindings();
  const text = readUserText(path, "bindings");
  try {
    return parseBindings(text);
  } catch (error) {
    if (error instanceof BindingsError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
}

function oneFile(positionals: readonly string[], command: string): string {
  if (positionals.length === 0) throw new UsageError(`${command}: a FILE is required (see --help)`);
  noPositionals(positionals.slice(1));
  return positionals[0];
}

function defaultsCommand(args: string[]): void {
  const { values, positionals } = parseCli(args, { help: { type: "boolean", short: "h" } });
  if (values.help) return console.log(HELP.defaults);
  noPositionals(positionals);
  console.log(bindingsToJson(defaultBindings()).trimEnd());
}

function checkCommand(args: string[]): void {
  const { values, positionals } = parseCli(args, { help: { type: "boolean", short: "h" } });
  if (values.help) return console.log(HELP.check);
  const path = oneFile(positionals, "check");
  const set = readBindings(path);
  const bound = ACTIONS.filter((action) => set.actions[action] !== undefined);
  const count = (slot: "key" | "mouse" | "gamepad") =>
    bound.filter((action) => set.actions[action]![slot] !== null).length;
  const unbound = ACTIONS.filter((action) => set.actions[action] === undefined);
  const stick = (pair: BindingSet["moveAxes"]) =>
    pair.map((a) => `${a.axis}${a.invert ? " inverted" : ""} deadzone ${a.deadzone}`).join(", ");
  console.log(`${path}: valid bindings`);
  console.log(
    `  ${bound.length} of ${ACTIONS.length} actions bound: ${count("key")} keys, ${
      count("mouse")
    } mouse buttons, ${count("gamepad")} gamepad buttons`,
  );
  if (unbound.length > 0) console.log(`  unbound: ${unbound.join(", ")}`);
  console.log(`  move stick: ${stick(set.moveAxes)}`);
  console.log(`  look stick: ${stick(set.lookAxes)}`);
}

/** "Left" or "Other(7)" as a mouse button. */
function mouseOption(text: string): MouseButton {
  const other = /^Other\((\d{1,5})\)$/.exec(text);
  const button = other ? { Other: Number(other[1]) } : text;
  if (!isMouseButton(button)) {
    throw new UsageError(
      `--mouse must be ${
        MOUSE_BUTTON_NAMES.join(", ")
      } or Other(N) with N up to 65535, got "${text}"`,
    );
  }
  return button;
}

function sourceOption(values: Record<string, unknown>): InputSource {
  const given = (["key", "mouse", "gamepad"] as const).filter((slot) => values[slot] !== undefined);
  if (given.length !== 1) {
    throw new UsageError("rebind: give exactly one of --key, --mouse and --gamepad (see --help)");
  }
  const text = String(values[given[0]]);
  if (given[0] === "key") {
    if (!isKeyCode(text)) {
      throw new UsageError(`--key must be a key code such as KeyW or Space, got "${text}"`);
    }
    return { key: text };
  }
  if (given[0] === "mouse") return { mouse: mouseOption(text) };
  if (!isGamepadButton(text)) {
    throw new UsageError(`--gamepad must be one of ${GAMEPAD_BUTTONS.join(", ")}, got "${text}"`);
  }
  return { gamepad: text };
}

function rebindCommand(args: string[]): void {
  const { values, positionals } = parseCli(args, {
    help: { type: "boolean", short: "h" },
    key: { type: "string" },
    mouse: { type: "string" },
    gamepad: { type: "string" },
    swap: { type: "boolean" },
    out: { type: "string" },
  });
  if (values.help) return console.log(HELP.rebind);
  if (positionals.length < 2) {
    throw new UsageError("rebind: FILE and ACTION are required (see --help)");
  }
  noPositionals(positionals.slice(2));
  const [path, actionName] = positionals;
  if (!isAction(actionName)) {
    throw new UsageError(`unknown action "${actionName}": ${ACTIONS.join(", ")}`);
  }
  const source = sourceOption(values);
  const set = readBindings(path);
  let next: BindingSet;
  try {
    next = rebind(set, actionName as Action, source, { swap: values.swap === true });
  } catch (error) {
    if (error instanceof BindingConflictError) {
      throw new UsageError(`${error.message} (--swap to trade)`);
    }
    throw error;
  }
  const text = bindingsToJson(next);
  if (typeof values.out === "string") writeUserFile(values.out, new TextEncoder().encode(text));
  else console.log(text.trimEnd());
}

const main = () =>
  runCommand(
    Deno.args,
    { defaults: defaultsCommand, check: checkCommand, rebind: rebindCommand },
    HELP.main,
  );

if (import.meta.main) await runCli("input", main);
