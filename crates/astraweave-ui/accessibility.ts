/**
 * Accessibility: colour palettes for the three common colour-vision deficiencies and a high-contrast
 * mode, the UI scale (0.8 to 1.5) and large text (×1.25). The palettes keep the HUD's meanings
 * apart (health from mana, hostile from friendly, damage from healing) for each kind of vision:
 * deuteranopia and protanopia lose red against green, so those pairs become orange against blue;
 * tritanopia loses blue against yellow, so those become red against teal.
 *
 * @module
 */

import { UiError } from "./error.ts";

/** The colour modes. */
export const COLOR_MODES = [
  "Normal",
  "Deuteranopia",
  "Protanopia",
  "Tritanopia",
  "HighContrast",
] as const;
/** A colour mode. */
export type ColorMode = typeof COLOR_MODES[number];

/** The HUD's colours, as CSS hex colours. */
export interface Palette {
  /** Health bar. */
  readonly health: string;
  /** Health bar when low. */
  readonly healthLow: string;
  /** Mana bar. */
  readonly mana: string;
  /** Stamina bar. */
  readonly stamina: string;
  /** Hostile enemies. */
  readonly hostile: string;
  /** Neutral creatures. */
  readonly neutral: string;
  /** Friendly characters. */
  readonly friendly: string;
  /** Damage numbers. */
  readonly damage: string;
  /** Healing numbers. */
  readonly heal: string;
  /** Critical hits. */
  readonly critical: string;
  /** Text. */
  readonly text: string;
  /** Panels' background. */
  readonly panel: string;
}

const NORMAL: Palette = {
  health: "#3fbf4f",
  healthLow: "#d9413a",
  mana: "#3d7be0",
  stamina: "#e0b73d",
  hostile: "#d9413a",
  neutral: "#d8c24a",
  friendly: "#3fbf4f",
  damage: "#ff6b57",
  heal: "#5fe07a",
  critical: "#ffd23f",
  text: "#f2f2f2",
  panel: "#14181fcc",
};

const RED_GREEN_SAFE = {
  health: "#3d8fe0",
  healthLow: "#f08a1c",
  hostile: "#f08a1c",
  friendly: "#3d8fe0",
  damage: "#ff9a3c",
  heal: "#6cc1ff",
};

/** The palette of each colour mode. */
export const PALETTES: Readonly<Record<ColorMode, Palette>> = {
  Normal: NORMAL,
  Deuteranopia: { ...NORMAL, ...RED_GREEN_SAFE, mana: "#b58be8", neutral: "#e8e06a" },
  Protanopia: {
    ...NORMAL,
    ...RED_GREEN_SAFE,
    mana: "#b58be8",
    neutral: "#e8e06a",
    damage: "#ffb347",
  },
  Tritanopia: {
    ...NORMAL,
    health: "#2bb3a3",
    mana: "#8a6de0",
    stamina: "#e8648a",
    neutral: "#c9c9c9",
    friendly: "#2bb3a3",
    heal: "#2bd3c0",
    critical: "#ff5c8a",
  },
  HighContrast: {
    health: "#00ff00",
    healthLow: "#ff0000",
    mana: "#00c8ff",
    stamina: "#ffff00",
    hostile: "#ff0000",
    neutral: "#ffffff",
    friendly: "#00ff00",
    damage: "#ff4040",
    heal: "#00ff80",
    critical: "#ffff00",
    text: "#ffffff",
    panel: "#000000",
  },
};

/** Smallest UI scale. */
export const MIN_UI_SCALE = 0.8;
/** Largest UI scale. */
export const MAX_UI_SCALE = 1.5;
/** Text size factor of large text. */
export const LARGE_TEXT_FACTOR = 1.25;

/** The accessibility options. */
export interface AccessibilityOptions {
  /** Colour mode. */
  readonly colorMode: ColorMode;
  /** UI scale, 0.8 to 1.5. */
  readonly uiScale: number;
  /** Large text. */
  readonly largeText: boolean;
}

/** The defaults: normal colours, scale 1, normal text. */
export const DEFAULT_ACCESSIBILITY: AccessibilityOptions = {
  colorMode: "Normal",
  uiScale: 1,
  largeText: false,
};

/**
 * Checks accessibility options.
 *
 * @throws {UiError} `invalid_setting` for an unknown colour mode or a scale out of 0.8..1.5.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkAccessibility, textScale } from "./accessibility.ts";
 * const options = checkAccessibility({ colorMode: "Tritanopia", uiScale: 1.2, largeText: true });
 * assert.equal(textScale(options), 1.5);
 * assert.throws(() => checkAccessibility({ ...options, uiScale: 2 }), /0.8 to 1.5/);
 * ```
 */
export function checkAccessibility(options: AccessibilityOptions): AccessibilityOptions {
  if (!COLOR_MODES.includes(options.colorMode)) {
    throw new UiError(
      "invalid_setting",
      `colorMode must be one of ${COLOR_MODES.join(", ")}, got ${String(options.colorMode)}`,
      "accessibility.colorMode",
    );
  }
  if (
    typeof options.uiScale !== "number" ||
    !(options.uiScale >= MIN_UI_SCALE && options.uiScale <= MAX_UI_SCALE)
  ) {
    throw new UiError(
      "invalid_setting",
      `uiScale must be a number from ${MIN_UI_SCALE} to ${MAX_UI_SCALE}, got ${options.uiScale}`,
      "accessibility.uiScale",
    );
  }
  if (typeof options.largeText !== "boolean") {
    throw new UiError(
      "invalid_setting",
      `largeText must be true or false`,
      "accessibility.largeText",
    );
  }
  return options;
}

/** The text size factor: the UI scale, times 1.25 with large text. */
export function textScale(options: AccessibilityOptions): number {
  return options.uiScale * (options.largeText ? LARGE_TEXT_FACTOR : 1);
}
