/**
 * Dialogue: a tree of lines, each with the player's choices and where each choice leads. The tree
 * is checked when it is made (every choice leads to a node that exists), and a
 * {@link DialogueRunner} walks it as the player chooses: the Rust HUD only logged the clicks.
 *
 * @module
 */

import { UiError } from "./error.ts";

/** One choice: its text and the node it leads to (null ends the dialogue). */
export interface DialogueChoice {
  /** What the player says. */
  readonly text: string;
  /** The next node's id, or null to end. */
  readonly next: string | null;
}

/** One line of dialogue. */
export interface DialogueNode {
  /** Who speaks. */
  readonly speaker: string;
  /** What they say. */
  readonly text: string;
  /** The player's choices (none: the line ends the dialogue). */
  readonly choices: readonly DialogueChoice[];
}

/** A dialogue tree: its first node and all its nodes by id. */
export interface DialogueTree {
  /** The first node's id. */
  readonly start: string;
  /** The nodes by id. */
  readonly nodes: Readonly<Record<string, DialogueNode>>;
}

/**
 * Checks that the tree's start and every choice's `next` name nodes that exist.
 *
 * @throws {UiError} `invalid_action` naming the node and choice that lead nowhere.
 */
export function checkDialogue(tree: DialogueTree): DialogueTree {
  if (!Object.hasOwn(tree.nodes, tree.start)) {
    throw new UiError(
      "invalid_action",
      `the dialogue starts at ${tree.start}, which is not a node`,
    );
  }
  for (const [id, node] of Object.entries(tree.nodes)) {
    node.choices.forEach((choice, i) => {
      if (choice.next !== null && !Object.hasOwn(tree.nodes, choice.next)) {
        throw new UiError(
          "invalid_action",
          `choice ${i} of node ${id} leads to ${choice.next}, which is not a node`,
        );
      }
    });
  }
  return tree;
}

/**
 * Walks a dialogue tree.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DialogueRunner } from "./dialogue.ts";
 * const runner = new DialogueRunner({
 *   start: "hello",
 *   nodes: {
 *     hello: { speaker: "Guard", text: "Halt!", choices: [{ text: "Friend.", next: "pass" }, { text: "Bye.", next: null }] },
 *     pass: { speaker: "Guard", text: "Go on.", choices: [] },
 *   },
 * });
 * assert.equal(runner.current?.text, "Halt!");
 * runner.choose(0);
 * assert.equal(runner.current?.text, "Go on.");
 * runner.advance(); // a line without choices: closes
 * assert.equal(runner.ended, true);
 * ```
 */
export class DialogueRunner {
  /** The tree. */
  readonly tree: DialogueTree;
  #node: string | null;
  /** The ids of the nodes shown so far, in order. */
  readonly history: string[] = [];

  /** A runner at the start of `tree` (checked by {@link checkDialogue}). */
  constructor(tree: DialogueTree) {
    this.tree = checkDialogue(tree);
    this.#node = tree.start;
    this.history.push(tree.start);
  }

  /** The node shown, or null once the dialogue has ended. */
  get current(): DialogueNode | null {
    return this.#node === null ? null : this.tree.nodes[this.#node];
  }

  /** Whether the dialogue has ended. */
  get ended(): boolean {
    return this.#node === null;
  }

  /**
   * Takes choice `index` of the current node.
   *
   * @throws {UiError} `invalid_action` when the dialogue has ended or there is no such choice.
   */
  choose(index: number): DialogueNode | null {
    const node = this.current;
    if (node === null) throw new UiError("invalid_action", "the dialogue has ended");
    const choice = node.choices[index];
    if (choice === undefined) {
      throw new UiError(
        "invalid_action",
        `no choice ${index}: the line has ${node.choices.length}`,
      );
    }
    this.#go(choice.next);
    return this.current;
  }

  /** Closes a line that has no choices (click or confirm to continue). */
  advance(): void {
    const node = this.current;
    if (node !== null && node.choices.length === 0) this.#go(null);
  }

  #go(next: string | null): void {
    this.#node = next;
    if (next !== null) this.history.push(next);
  }
}
