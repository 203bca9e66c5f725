/**
 * Big tables and chart marks, joined so that the garbage collector does not move their pieces again
 * and again.
 *
 * A string built by concatenation or a template literal is a rope: a tree of every piece. Each
 * collection of the young generation moves every piece of every rope still alive, and a string
 * that survives two collections is moved twice. A 10,000-row table kept as row ropes until its
 * final join was a third of the time the dashboard took.
 *
 * @module
 */

/**
 * Above this many characters a flat string is allocated outside the young generation (V8's large
 * objects start at 128 KiB), where no collection of the young generation moves it.
 */
const CHUNK = 128 * 1024;

/**
 * `items.map(each).join(separator)`, without keeping every piece alive until the end: the pieces
 * are joined into flat chunks of about 128 KiB as they come, so each dies young, and the chunks
 * are large enough never to be moved.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { joinMapped } from "./flat.ts";
 * const rows = Array.from({ length: 20_000 }, (_, i) => i);
 * const each = (i: number, index: number) => `<tr><td>${i}</td><td>${index}</td></tr>`;
 * assert.equal(joinMapped(rows, each), rows.map(each).join(""));
 * assert.equal(joinMapped(rows, each, "\n"), rows.map(each).join("\n"));
 * assert.equal(joinMapped([], each), "");
 * ```
 */
export function joinMapped<T>(
  items: readonly T[],
  each: (item: T, index: number) => string,
  separator = "",
): string {
  const chunks: string[] = [];
  let pieces: string[] = [];
  let size = 0;
  for (let i = 0; i < items.length; i++) {
    const piece = each(items[i], i);
    pieces.push(piece);
    size += piece.length;
    if (size >= CHUNK) {
      chunks.push(pieces.join(separator));
      pieces = [];
      size = 0;
    }
  }
  if (pieces.length || !chunks.length) chunks.push(pieces.join(separator));
  return chunks.join(separator);
}
