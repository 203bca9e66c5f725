/**
 * Newline-delimited framing with a bound: splits a byte stream into lines without ever holding
 * more than one line of at most `maxLineBytes` bytes, so a peer that never sends a newline cannot
 * make the reader grow without limit.
 *
 * @module
 */

const NEWLINE = 0x0a;
const decoder = new TextDecoder("utf-8", { fatal: true });

/** What {@link LineReader.push} reports per line. */
export type LineEvent =
  | { kind: "line"; text: string }
  | { kind: "invalid-utf8" }
  | { kind: "too-long"; maxLineBytes: number };

/**
 * Splits chunks into lines (LF or CRLF). An over-long line is reported once, as soon as it
 * passes the bound, and the rest of it is skipped up to its newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineReader } from "@astraweave/sdk";
 * const reader = new LineReader(8);
 * const seen: string[] = [];
 * const onLine = (e: { kind: string; text?: string }) => seen.push(e.text ?? e.kind);
 * reader.push(new TextEncoder().encode('{"a"'), onLine);
 * reader.push(new TextEncoder().encode(':1}\r\n0123456789\nok\n'), onLine);
 * assert.deepEqual(seen, ['{"a":1}', "too-long", "ok"]);
 * ```
 */
export class LineReader {
  readonly #max: number;
  #parts: Uint8Array[] = [];
  #size = 0;
  #skipping = false;

  /** A reader whose lines are at most `maxLineBytes` bytes, newline excluded. */
  constructor(maxLineBytes: number) {
    this.#max = maxLineBytes;
  }

  /** Feeds bytes; calls `onLine` for every line they complete. */
  push(chunk: Uint8Array, onLine: (event: LineEvent) => void): void {
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      const stop = end < 0 ? chunk.length : end;
      if (!this.#skipping) {
        if (this.#size + (stop - start) > this.#max) {
          this.#skipping = true;
          this.#parts = [];
          this.#size = 0;
          onLine({ kind: "too-long", maxLineBytes: this.#max });
        } else if (end >= 0 && this.#size === 0) {
          this.#emit(chunk.subarray(start, stop), onLine); // the common case: no copy
        } else {
          this.#parts.push(chunk.slice(start, stop));
          this.#size += stop - start;
          if (end >= 0) this.#flush(onLine);
        }
      }
      if (end < 0) break;
      this.#skipping = false;
      start = end + 1;
    }
  }

  /** Ends the stream: a last line without a newline still counts. */
  finish(onLine: (event: LineEvent) => void): void {
    if (this.#size > 0) this.#flush(onLine);
    this.#skipping = false;
  }

  #flush(onLine: (event: LineEvent) => void): void {
    const line = new Uint8Array(this.#size);
    let at = 0;
    for (const part of this.#parts) {
      line.set(part, at);
      at += part.length;
    }
    this.#parts = [];
    this.#size = 0;
    this.#emit(line, onLine);
  }

  #emit(bytes: Uint8Array, onLine: (event: LineEvent) => void): void {
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      onLine({ kind: "invalid-utf8" });
      return;
    }
    onLine({ kind: "line", text: text.endsWith("\r") ? text.slice(0, -1) : text });
  }
}
