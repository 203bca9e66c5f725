/**
 * Tooltips: an item's name, rarity, description and stat lines, and where to draw the box so it
 * stays on screen (beside the pointer, flipped to the other side near an edge).
 *
 * @module
 */

/** An item's rarity, which colours the tooltip's title. */
export type Rarity = "common" | "uncommon" | "rare" | "epic" | "legendary";

/** A stat line: "Damage 24 (+3)". */
export interface TooltipStat {
  /** What it measures. */
  readonly label: string;
  /** Its value. */
  readonly value: number;
  /** The change against what is equipped, when compared. */
  readonly delta?: number;
}

/** A tooltip's content. */
export interface Tooltip {
  /** The title. */
  readonly title: string;
  /** The rarity. */
  readonly rarity: Rarity;
  /** The description. */
  readonly description: string;
  /** The stat lines. */
  readonly stats: readonly TooltipStat[];
}

/** Where a tooltip box goes, in px. */
export interface TooltipBox {
  /** Left. */
  x: number;
  /** Top. */
  y: number;
  /** Width. */
  width: number;
  /** Height. */
  height: number;
}

/** Text metrics for {@link layoutTooltip}. */
export interface TooltipMetrics {
  /** Width of one character, px (default 7). */
  charWidth?: number;
  /** Height of one line, px (default 18). */
  lineHeight?: number;
  /** Padding inside the box, px (default 8). */
  padding?: number;
  /** Gap between the pointer and the box, px (default 12). */
  offset?: number;
  /** Widest box, px (default 280); longer descriptions wrap. */
  maxWidth?: number;
}

/**
 * A stat line's text: `"Damage 24 (+3)"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { statText } from "./tooltip.ts";
 * assert.equal(statText({ label: "Armor", value: 12, delta: -2 }), "Armor 12 (-2)");
 * ```
 */
export function statText(stat: TooltipStat): string {
  const delta = stat.delta === undefined || stat.delta === 0
    ? ""
    : ` (${stat.delta > 0 ? "+" : ""}${stat.delta})`;
  return `${stat.label} ${stat.value}${delta}`;
}

/**
 * The box of `tooltip` shown at pointer (`x`, `y`) in a `viewWidth` × `viewHeight` view: right of
 * and below the pointer, flipped left or up when it would leave the view, and never off it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { layoutTooltip } from "./tooltip.ts";
 * const tip = { title: "Iron Sword", rarity: "common" as const, description: "Sharp.", stats: [{ label: "Damage", value: 12 }] };
 * const near = layoutTooltip(tip, 10, 10, 800, 600);
 * assert.deepEqual([near.x, near.y], [22, 22]);
 * const corner = layoutTooltip(tip, 795, 595, 800, 600);
 * assert.ok(corner.x + corner.width <= 795 && corner.y + corner.height <= 595);
 * ```
 */
export function layoutTooltip(
  tooltip: Tooltip,
  x: number,
  y: number,
  viewWidth: number,
  viewHeight: number,
  metrics: TooltipMetrics = {},
): TooltipBox {
  const charWidth = metrics.charWidth ?? 7, lineHeight = metrics.lineHeight ?? 18;
  const padding = metrics.padding ?? 8, offset = metrics.offset ?? 12;
  const maxWidth = metrics.maxWidth ?? 280;
  let longest = tooltip.title.length;
  for (const stat of tooltip.stats) longest = Math.max(longest, statText(stat).length);
  const inner = Math.min(maxWidth - 2 * padding, Math.max(longest, 12) * charWidth);
  const descriptionLines = tooltip.description === ""
    ? 0
    : Math.ceil((tooltip.description.length * charWidth) / inner);
  const width = inner + 2 * padding;
  const height = (1 + descriptionLines + tooltip.stats.length) * lineHeight + 2 * padding;
  let left = x + offset, top = y + offset;
  if (left + width > viewWidth) left = x - offset - width;
  if (top + height > viewHeight) top = y - offset - height;
  left = Math.max(0, Math.min(left, viewWidth - width));
  top = Math.max(0, Math.min(top, viewHeight - height));
  return { x: left, y: top, width, height };
}
