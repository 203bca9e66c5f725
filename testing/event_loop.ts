/**
 * Watching the event loop while other work runs: a message bounced through a `MessageChannel`
 * counts the loop's turns and times the gaps between them. Tests use the count (did the work let
 * the loop run at all?), benches the longest gap (how long did the work hold the thread?).
 *
 * @module
 */

/** What {@link watchEventLoop} saw. */
export interface EventLoopWatch {
  /** Stops watching: the turns the loop took, and the longest time between two, in ms. */
  stop(): { turns: number; longest: number };
}

/**
 * Starts watching the event loop. The channel closes at the message after `stop()`: closing a port
 * with a message on its way to it kept the process alive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { watchEventLoop } from "@astraweave/testing/event-loop";
 * const watch = watchEventLoop();
 * await Promise.resolve(); // a microtask: the loop does not turn
 * assert.equal(watch.stop().turns, 0);
 * ```
 */
export function watchEventLoop(): EventLoopWatch {
  const channel = new MessageChannel();
  let turns = 0;
  let last = performance.now();
  let longest = 0;
  let watching = true;
  channel.port1.onmessage = () => {
    if (!watching) return channel.port1.close();
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    turns++;
    channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  return {
    stop() {
      watching = false;
      return { turns, longest: Math.max(longest, performance.now() - last) };
    },
  };
}
