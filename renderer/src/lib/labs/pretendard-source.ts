import type { FontSources } from './report-font';
import { dataUrlBytes } from '../history/save-file';

/**
 * Pretendard's Regular and Bold WOFF 1.0 files (TrueType outlines, from the `pretendard` package),
 * for the report's embedded font. Each is its own script chunk, loaded at the first report only:
 * the desktop app's page is a file: URL, where fetch() cannot read the app's own files, so the
 * fonts come in as data (Vite's ?inline) rather than as URLs.
 */
let loading: Promise<FontSources> | null = null;

/** The two WOFF files' bytes (loaded once per session). */
export function pretendardSources(): Promise<FontSources> {
  loading ??= Promise.all([import('pretendard/dist/web/static/woff/Pretendard-Regular.woff?inline'), import('pretendard/dist/web/static/woff/Pretendard-Bold.woff?inline')]).then(
    ([regular, bold]) => ({ regular: dataUrlBytes(regular.default), bold: dataUrlBytes(bold.default) }),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

