export * from "./error.ts";
export * from "./entity.ts";
export * from "./component.ts";
export { World } from "./world.ts";
export * from "./hash.ts";
export * from "./serialize.ts";
export * from "./sorted_map.ts";
export * from "./demo.ts";
export * from "./replay.ts";
