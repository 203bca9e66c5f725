/**
 * An LZ4 backend: lz4_flex (the Rust crate that writes the `.awsv` saves) compiled to
 * WebAssembly, the npm package `lz4-wasm-nodejs` (`lz4UseBackend("lz4_flex_wasm")`). Synchronous, and needs no permission: the module
 * is imported as a Wasm source (`import source`, in `lz4_flex_wasm.js`), not read from disk as the
 * package's own loader does (which would need `--allow-read`). Its blocks are lz4_flex's,
 * size-prepended like ours.
 *
 * The package's JavaScript glue is not used; the few lines below call the module's exports the
 * way it does (copy the input into Wasm memory, call, copy the result out), and make a new
 * instance after a trap, so that one hostile input cannot leave a broken allocator behind.
 *
 * @module
 */

import lz4FlexModule from "./lz4_flex_wasm.js";
import type { BlockCodecBackend } from "./lz4.ts";

interface Lz4FlexExports {
  memory: WebAssembly.Memory;
  compress(retptr: number, ptr: number, len: number): void;
  decompress(retptr: number, ptr: number, len: number): void;
  __wbindgen_add_to_stack_pointer(delta: number): number;
  __wbindgen_malloc(size: number): number;
  __wbindgen_free(ptr: number, size: number): void;
}

function instantiate(): Lz4FlexExports {
  const instance = new WebAssembly.Instance(lz4FlexModule, {
    // lz4_flex's error message, as a string the module hands back; the caller re-decodes to
    // report the error with its kind and offset, so the text itself is not needed.
    __wbindgen_placeholder__: { __wbindgen_string_new: () => 0 },
  });
  return instance.exports as unknown as Lz4FlexExports;
}

let wasm: Lz4FlexExports | undefined;

/** Calls `compress` or `decompress` of the module on `input`; throws when lz4_flex rejects it. */
function call(which: "compress" | "decompress", input: Uint8Array): Uint8Array {
  const exports = wasm ??= instantiate();
  const retptr = exports.__wbindgen_add_to_stack_pointer(-16);
  let trapped = true;
  try {
    const ptr = exports.__wbindgen_malloc(input.length);
    new Uint8Array(exports.memory.buffer, ptr, input.length).set(input);
    exports[which](retptr, ptr, input.length);
    // Read the result words only now: the call may have grown (and so replaced) the buffer.
    const words = new Int32Array(exports.memory.buffer, retptr, 4);
    const [outPtr, outLength, , failed] = words;
    trapped = false;
    if (which === "decompress" && failed) throw new Error("lz4_flex rejected the block");
    const out = new Uint8Array(exports.memory.buffer, outPtr, outLength).slice();
    exports.__wbindgen_free(outPtr, outLength);
    return out;
  } finally {
    exports.__wbindgen_add_to_stack_pointer(16);
    if (trapped) wasm = undefined; // a trap may leave the allocator inconsistent: start afresh
  }
}

/**
 * lz4_flex in WebAssembly as a block codec backend. `undefined` when WebAssembly is unavailable.
 */
export const lz4FlexWasmCodec: BlockCodecBackend | undefined = (() => {
  try {
    wasm = instantiate();
  } catch {
    return undefined;
  }
  return {
    name: "lz4_flex_wasm",
    // Measured on save-like data: below 1 KiB the two copies in and out of Wasm memory cost
    // about what lz4_flex saves over the TypeScript codec.
    minSize: 1024,
    compressPrependSize: (bytes) => call("compress", bytes),
    decompressSizePrepended: (bytes) => call("decompress", bytes),
  };
})();
