/**
 * Largest pack file the app reads: the engine's cap on a pack file (engine/history/lab-pack-file.ts
 * PACK_FILE_LIMITS, 16 MB compressed), restated here because the renderer may import only
 * $engine/api and $engine/lab (test/renderer/packs checks the two agree).
 */
export const PACK_FILE_MAX_BYTES = 16 * 1024 * 1024;
