// The few web-standard globals the pure engine uses, which every host it runs in has (Node ≥ 16,
// worker threads, browsers, Electron): declared here because tsconfig.engine.json has neither the
// DOM library nor Node's types, so anything else from either fails its typecheck.

/** Decodes base64 text to a binary string (the WebAssembly kernels' bytes). */
declare function atob(data: string): string;

/** UTF-8 encoding (the size of a notebook entry in bytes). */
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
