/**
 * Flat strings for the rows the report builds by the ten thousand.
 *
 * @module
 */

/**
 * `text`, flattened in place. A string built by concatenation or a template literal is a rope: a
 * tree of every piece. A report keeps 10,000 table rows until it joins them, and each collection
 * of the young generation moves every piece of every rope still alive (it was a third of the time
 * the dashboard took); a flat row is one string to move. Reading a character of a rope makes V8
 * flatten it, and the pieces become garbage at once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flat } from "./flat.ts";
 * const cells = ["a", "b", "c"].map((cell) => `<td>${cell}</td>`);
 * assert.equal(flat(`<tr>${cells.join("")}</tr>`), "<tr><td>a</td><td>b</td><td>c</td></tr>");
 * ```
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
