/**
 * Largest file an import accepts, in bytes as stored on disk (gzip-compressed). The history
 * refuses a bigger file before unpacking it (engine/history/run-file.ts); the app uses the same
 * number to name a file that is too large before reading it.
 */
export const MAX_IMPORT_FILE_BYTES = 256 * 1024 * 1024;
