/**
 * Notifications: a line of text that slides in, stays, and slides and fades out. An ordinary one
 * lives 2.0 s (slides 0.3 s in and 0.3 s out, fades 0.2 s in and 0.3 s out); "quest complete"
 * lives 2.8 s and slides 0.5 s each way.
 *
 * @module
 */

/** What a notification announces. */
export type NotificationKind = "info" | "warning" | "questComplete";

/** The timing of a kind of notification, in seconds. */
export interface NotificationTiming {
  /** Whole life. */
  readonly life: number;
  /** Slide in. */
  readonly slideIn: number;
  /** Slide out. */
  readonly slideOut: number;
  /** Fade in. */
  readonly fadeIn: number;
  /** Fade out. */
  readonly fadeOut: number;
}

const ORDINARY: NotificationTiming = {
  life: 2.0,
  slideIn: 0.3,
  slideOut: 0.3,
  fadeIn: 0.2,
  fadeOut: 0.3,
};

/** The timing of each kind (the Rust HUD's). */
export const NOTIFICATION_TIMING: Readonly<Record<NotificationKind, NotificationTiming>> = {
  info: ORDINARY,
  warning: ORDINARY,
  questComplete: { life: 2.8, slideIn: 0.5, slideOut: 0.5, fadeIn: 0.2, fadeOut: 0.3 },
};

/** A live notification. */
export interface Notification {
  /** A stable id for the page to key its element by. */
  readonly id: number;
  /** The text. */
  readonly text: string;
  /** The kind. */
  readonly kind: NotificationKind;
  /** Seconds since it appeared. */
  age: number;
  /** How far it is slid out of view, 0 (in place) to 1 (out of view). */
  offset: number;
  /** Opacity, 0 to 1. */
  alpha: number;
}

/**
 * The live notifications, oldest first; at most `limit` (default 5): a new one past it pushes the
 * oldest out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Notifications } from "./notifications.ts";
 * const notes = new Notifications();
 * notes.push("Checkpoint reached");
 * notes.update(0.15);
 * assert.ok(notes.list[0].offset > 0 && notes.list[0].alpha < 1); // sliding and fading in
 * notes.update(0.5);
 * assert.deepEqual([notes.list[0].offset, notes.list[0].alpha], [0, 1]);
 * notes.update(1.4);
 * assert.equal(notes.list.length, 0);
 * ```
 */
export class Notifications {
  /** How many can be shown at once. */
  readonly limit: number;
  readonly #list: Notification[] = [];
  #nextId = 1;

  /** No notifications; at most `limit` at once. */
  constructor(limit = 5) {
    this.limit = limit;
  }

  /** The live notifications, oldest first (do not modify). */
  get list(): readonly Notification[] {
    return this.#list;
  }

  /** Shows `text`; returns its id. */
  push(text: string, kind: NotificationKind = "info"): number {
    if (this.#list.length >= this.limit) this.#list.shift();
    const id = this.#nextId++;
    this.#list.push({ id, text, kind, age: 0, offset: 1, alpha: 0 });
    return id;
  }

  /** Ages every notification by `dt` seconds, and removes those past their life. */
  update(dt: number): void {
    const list = this.#list;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const note = list[i];
      note.age += dt;
      const t = NOTIFICATION_TIMING[note.kind];
      if (note.age >= t.life) continue;
      const left = t.life - note.age;
      note.offset = Math.max(0, 1 - note.age / t.slideIn, 1 - left / t.slideOut);
      note.alpha = Math.min(1, note.age / t.fadeIn, left / t.fadeOut);
      list[kept++] = note;
    }
    list.length = kept;
  }
}
