/** The compiled lz4_flex WebAssembly module of lz4-wasm-nodejs (not yet instantiated). */
declare const lz4FlexModule: WebAssembly.Module;
export default lz4FlexModule;
