/**
 * Designer-readable explanations of a tick: which patterns were seen and what happened to each
 * proposed intent, and why.
 *
 * @module
 */

import { describeDecision } from "./adjudicator.ts";
import type { TickRecord } from "./director.ts";
import { strengthBand } from "./patterns.ts";

/** A number for people: at most three decimals, no trailing zeros. */
const short = (value: number): string => `${Number(value.toFixed(3))}`;

function pad(cells: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = cells[0].map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  return cells.map((row) =>
    row.map((cell, column) =>
      column === row.length - 1
        ? cell
        : rightAligned.has(column)
        ? cell.padStart(widths[column])
        : cell.padEnd(widths[column])
    ).join("  ")
  );
}

/**
 * The decision table of one tick: a heading (tick, budget spent, patterns with their bands), then
 * one row per intent in the order the adjudicator walked them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatDecisionTable, WeaveDirector } from "@astraweave/weaving";
 * const record = new WeaveDirector().tick({
 *   tick: 0, criticalHealthCount: 6, resourceScarcity: { food: 0.9 },
 *   factionTensions: { north: 0.8 }, combatEventTicks: [],
 * });
 * assert.equal(formatDecisionTable(record), [
 *   "tick 0: budget 18 of 20 spent",
 *   "patterns: low_health_cluster 0.6 (moderate), resource_scarce_food 0.9 (strong), faction_conflict_north 0.8 (strong)",
 *   "#  intent             cooldown key      priority  cost  decision",
 *   "1  spawn_supply_drop  supply_drop_food       0.9     8  accepted (cooldown 600 ticks)",
 *   "2  spawn_mediator     mediator_north         0.8    15  rejected: over budget by 3",
 *   "3  spawn_aid_event    aid_event              0.6    10  accepted (cooldown 300 ticks)",
 * ].join("\n"));
 * ```
 */
export function formatDecisionTable(record: TickRecord): string {
  const lines = [`tick ${record.tick}: budget ${record.budgetSpent} of ${record.budget} spent`];
  lines.push(
    record.patterns.length === 0
      ? "patterns: none"
      : `patterns: ${
        record.patterns.map((p) => `${p.id} ${short(p.strength)} (${strengthBand(p.strength)})`)
          .join(", ")
      }`,
  );
  if (record.decisions.length === 0) {
    lines.push("no intents proposed");
    return lines.join("\n");
  }
  const rows = [["#", "intent", "cooldown key", "priority", "cost", "decision"]];
  record.decisions.forEach((decision, index) => {
    const { intent } = decision;
    const outcome = decision.outcome === "accepted" && intent.cooldownKey !== ""
      ? `accepted (cooldown ${decision.cooldownTicks} ticks)`
      : describeDecision(decision);
    rows.push([
      `${index + 1}`,
      intent.kind,
      intent.cooldownKey === "" ? "-" : intent.cooldownKey,
      short(intent.priority),
      `${intent.cost}`,
      outcome,
    ]);
  });
  lines.push(...pad(rows, new Set([3, 4])).map((line) => line.trimEnd()));
  return lines.join("\n");
}
