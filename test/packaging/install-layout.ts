import { builtinModules } from 'node:module';
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Helpers for the tests of what gets installed and packaged (test/packaging, test/cli/cli-bundle):
 * what a built bundle imports, and a project laid out as npm would install it.
 */

/**
 * Bare module names a bundle imports, re-exports, requires or resolves (relative paths left out).
 * Bundlers write static imports one per line at the top level, in double quotes; the other forms
 * are calls, matched anywhere.
 */
export function bareSpecifiers(code: string): string[] {
  const patterns = [
    /^(?:import|export)\s[^;\n]*?\bfrom\s*"([^"]+)"/gm,
    /^import\s*"([^"]+)"/gm,
    /\bimport\(\s*"([^"]+)"\s*\)/g,
    /\b(?:require|__require)\(\s*"([^"]+)"\s*\)/g,
    /\.resolve\(\s*"([^"]+)"\s*\)/g,
  ];
  const specifiers = patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]!));
  return [...new Set(specifiers.filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('/')))];
}

/** The package a bare specifier names ('@scope/name/sub' → '@scope/name', 'name/package.json' → 'name'). */
export function packageOf(specifier: string): string {
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

/** True for a Node built-in module ('node:fs', 'fs'). */
export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

/**
 * Copies a file or folder as hard links (a plain copy where the file system refuses: another
 * device), keeping symbolic links as links. `skip`: paths relative to `base` not copied.
 */
export function mirror(from: string, to: string, skip: ReadonlySet<string> = new Set(), base = from): void {
  const stats = lstatSync(from);
  if (stats.isSymbolicLink()) {
    mkdirSync(dirname(to), { recursive: true });
    symlinkSync(readlinkSync(from), to);
  } else if (stats.isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      const source = join(from, name);
      if (!skip.has(relative(base, source))) mirror(source, join(to, name), skip, base);
    }
  } else {
    mkdirSync(dirname(to), { recursive: true });
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
}

interface LockPackage {
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
}

/**
 * Lays out under `target`/node_modules the packages `npm ci --omit=dev` would install from
 * `root`'s package-lock.json (its production packages), copied from `root`'s node_modules. An
 * optional package not installed here (another platform's) is left out, as npm leaves it out.
 */
export function installProductionPackages(root: string, target: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
  const installed: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.devOptional) continue;
    if (entry.optional && !existsSync(join(root, path, 'package.json'))) continue;
    // Nested packages (node_modules/a/node_modules/b) are entries of their own.
    mirror(join(root, path), join(target, path), new Set(['node_modules']));
    installed.push(path);
  }
  return installed;
}
