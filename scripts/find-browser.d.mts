// Types of find-browser.mjs (plain JavaScript, so it runs before any build) for the TypeScript
// that imports it: playwright.config.ts and its tests. The contracts are documented there.

export declare const BROWSER_VARIABLE: 'NNLAB_CHROMIUM';

export interface BrowserSearch {
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  isExecutable?: (path: string) => boolean;
  playwrightBrowsers?: () => string[];
}

export type BrowserFound =
  | { executable: string; source: 'NNLAB_CHROMIUM' | 'system' | 'Playwright' }
  | { executable: null; problem: string };

export declare function noBrowserMessage(platform: NodeJS.Platform): string;
export declare function missingVariableMessage(value: string): string;
export declare function systemBrowserPaths(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[];
export declare function playwrightBrowserPaths(): string[];
export declare function isExecutableFile(path: string): boolean;
export declare function findBrowser(search?: BrowserSearch): BrowserFound;
