import type { CDPSession, Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANCHOR_SCRIPT, profileOffset, type CallFrame, type CpuProfile, type FrameOrigin } from './cpu-profile-attribution';
import { SourceMapLookup } from './source-map-lookup';

/**
 * The UI section's `--profile`: a CPU profile of the page's main thread over each measured window
 * (DevTools protocol, sampled every millisecond), tied to the page's clock, and the built
 * scripts' source maps to name what it sampled.
 */

/** A profile over one window, and where its clock stands at the page's performance.now() = 0. */
export interface WindowProfile {
  profile: CpuProfile;
  /** Null when the anchor was not sampled (then no task can be placed in the profile). */
  offsetUs: number | null;
}

export class PageProfiler {
  private constructor(private readonly session: CDPSession) {}

  static async attach(page: Page): Promise<PageProfiler> {
    const session = await page.context().newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 1000 });
    return new PageProfiler(session);
  }

  async start(page: Page): Promise<number> {
    await this.session.send('Profiler.start');
    return (await page.evaluate(ANCHOR_SCRIPT)) as number;
  }

  async stop(anchorPageMs: number): Promise<WindowProfile> {
    const { profile } = (await this.session.send('Profiler.stop')) as { profile: CpuProfile };
    return { profile, offsetUs: profileOffset(profile, anchorPageMs) };
  }
}

/**
 * Names a profiled function's place: through the script's source map in `rendererDir` when the
 * build wrote one (`NNLAB_PROFILE_BUILD=1 npm run build`), else the bundle's file and line.
 */
export function builtScriptOrigins(rendererDir: string): (frame: CallFrame) => FrameOrigin {
  const maps = new Map<string, SourceMapLookup | null>();
  const mapOf = (path: string) => {
    if (!maps.has(path)) {
      const file = join(rendererDir, `${path}.map`);
      maps.set(path, existsSync(file) ? SourceMapLookup.parse(readFileSync(file, 'utf8')) : null);
    }
    return maps.get(path)!;
  };
  return (frame) => {
    const path = frame.url === '' ? '' : new URL(frame.url).pathname.replace(/^\//, '');
    const file = path.split('/').pop() ?? '';
    if (file === '') return { where: 'page', own: false };
    const original = mapOf(path)?.originalPosition(frame.lineNumber, frame.columnNumber) ?? null;
    if (original === null) return { where: `${file}:${frame.lineNumber + 1}`, own: false };
    const source = original.source.replace(/^.*node_modules\//, 'node_modules/');
    return { where: `${source}:${original.line}`, own: !source.startsWith('node_modules/') };
  };
}
