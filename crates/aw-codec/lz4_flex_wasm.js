// @ts-self-types="./lz4_flex_wasm.d.ts"
// The compiled lz4_flex module of the npm package lz4-wasm-nodejs, imported as a Wasm source (no
// file read, so no --allow-read). In JavaScript because TypeScript cannot parse `import source`
// yet; the types are in lz4_flex_wasm.d.ts.
import source lz4FlexModule from "lz4-wasm-nodejs/lz4_wasm_nodejs_bg.wasm";

export default lz4FlexModule;
