/**
 * The component set of the AstraWeave engine (`astraweave-core`'s `ecs_components`), with the
 * same names and postcard layouts, so worlds saved by the engine load here and back: position,
 * health, team, ammo, cooldowns, desired position, AI agent, legacy id (an entity reference),
 * persona and memory.
 *
 * @module
 */

import {
  CodecError,
  f32,
  f64,
  i32,
  Reader,
  type Schema,
  seq,
  string,
  struct,
  u8,
  Writer,
} from "@astraweave/codec";
import {
  type AnyComponent,
  type ComponentType,
  defineComponent,
  entityRef,
  type NumericComponent,
} from "./component.ts";
import { sortedMap } from "./sorted_map.ts";

/** `CPos { pos: IVec2 }`: grid position. */
export const Position: NumericComponent<"x" | "y"> = defineComponent("pos", { x: i32, y: i32 });
/** `CHealth { hp: i32 }`. */
export const Health: NumericComponent<"hp"> = defineComponent("health", { hp: i32 });
/** `CTeam { id: u8 }`. */
export const Team: NumericComponent<"id"> = defineComponent("team", { id: u8 });
/** `CAmmo { rounds: i32 }`. */
export const Ammo: NumericComponent<"rounds"> = defineComponent("ammo", { rounds: i32 });
/** `CDesiredPos { pos: IVec2 }`: where the entity is heading. */
export const DesiredPos: NumericComponent<"x" | "y"> = defineComponent("desired_pos", {
  x: i32,
  y: i32,
});
/** `CAiAgent`: a tag. */
export const AiAgent: NumericComponent<never> = defineComponent("ai_agent", {});
/** `CLegacyId { id: Entity }`: a reference to another entity (remapped on load). */
export const LegacyId: NumericComponent<"id"> = defineComponent("legacy_id", { id: entityRef });

/**
 * `CooldownKey` as its display string: `"throw:smoke"` is the `ThrowSmoke` variant (discriminant
 * 0), anything else `Custom(string)` (discriminant 1, then the string), as Rust encodes the enum.
 */
export const cooldownKey: Schema<string> = {
  kind: "enum",
  minSize: 1,
  encodeInto: (w, key) => {
    if (key === "throw:smoke") w.varint32(0);
    else {
      w.varint32(1);
      string.encodeInto(w, key);
    }
  },
  decodeFrom: (r) => {
    const at = r.pos;
    const tag = r.varint32();
    if (tag === 0) return "throw:smoke";
    if (tag === 1) return r.string();
    throw new CodecError("unknown_variant", `CooldownKey discriminant ${tag} is not 0 or 1`, at);
  },
  encode: (key) => {
    const w = new Writer(16);
    cooldownKey.encodeInto(w, key);
    return w.toBytes();
  },
  decode: (bytes) => {
    const r = new Reader(bytes);
    const key = cooldownKey.decodeFrom(r);
    r.finish();
    return key;
  },
};
// Rust's derived Ord on CooldownKey: ThrowSmoke before every Custom, Customs by their string.
const cooldownOrder = (a: string, b: string): number => {
  if (a === b) return 0;
  if (a === "throw:smoke") return -1;
  if (b === "throw:smoke") return 1;
  return a < b ? -1 : 1;
};
/** `CCooldowns { map: BTreeMap<CooldownKey, f32> }`: seconds left per ability. */
export const Cooldowns: ComponentType<{ map: Map<string, number> }> = defineComponent("cooldowns", {
  map: sortedMap(cooldownKey, f32, cooldownOrder),
});

/** `CompanionProfile`. */
export interface CompanionProfile {
  /** The companion's name. */
  name: string;
  /** Traits, in order. */
  personality_traits: string[];
  /** Free text. */
  background: string;
}
/** `Fact`: something a companion knows. */
export interface Fact {
  /** Identifier. */
  id: string;
  /** What is known. */
  content: string;
  /** 0 to 1 (f32). */
  confidence: number;
  /** When it was learned (f64 seconds). */
  timestamp: number;
}
/** `Episode`: something a companion lived through. */
export interface Episode {
  /** Identifier. */
  id: string;
  /** What happened. */
  description: string;
  /** When (f64 seconds). */
  timestamp: number;
  /** How much it matters (f32). */
  importance: number;
}
/** The schema of {@link CompanionProfile}. */
export const companionProfile: Schema<CompanionProfile> = struct({
  name: string,
  personality_traits: seq(string),
  background: string,
});
/** `CPersona { profile: CompanionProfile }`. */
export const Persona: ComponentType<{ profile: CompanionProfile }> = defineComponent("persona", {
  profile: companionProfile,
});

/** The schema of {@link Fact}. */
export const fact: Schema<Fact> = struct({
  id: string,
  content: string,
  confidence: f32,
  timestamp: f64,
});
/** The schema of {@link Episode}. */
export const episode: Schema<Episode> = struct({
  id: string,
  description: string,
  timestamp: f64,
  importance: f32,
});
/** `CMemory { facts, episodes }`: optional, on companions only. */
export const Memory: ComponentType<{ facts: Fact[]; episodes: Episode[] }> = defineComponent(
  "memory",
  { facts: seq(fact), episodes: seq(episode) },
);

/** Every component of the engine's set, in the engine's order. */
export const ENGINE_COMPONENTS: readonly AnyComponent[] = [
  Position,
  Health,
  Team,
  Ammo,
  Cooldowns,
  DesiredPos,
  AiAgent,
  LegacyId,
  Persona,
  Memory,
];
