/**
 * The page's Content-Security-Policy, one text for every host: the meta tag in
 * renderer/index.html, the browser host's header (cli/serve) and the desktop app's (electron/).
 * Scripts only from the app's own files. Style sheets only from its own CSS files
 * (`style-src-elem 'self'`): a name holding `<style>` that ever reached the page as markup could
 * not restyle it. Style attributes stay allowed (`style-src-attr 'unsafe-inline'`): Svelte and
 * ECharts (its tooltips) write them. Images and fonts also from data:/blob: (chart PNGs, the
 * report's embedded font); nothing remote anywhere.
 */

export interface PolicyOptions {
  /** Sources the page may connect to beyond its own origin (the browser host's WebSocket). */
  connect?: readonly string[];
  /** Only a header can say frame-ancestors (a meta tag's is ignored, with a console warning). */
  header?: boolean;
  /** Vite's dev server injects each CSS module as a <style> element: development only. */
  devServer?: boolean;
}

export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    options.devServer ? "style-src-elem 'self' 'unsafe-inline'" : "style-src-elem 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...(options.connect ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(options.header ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}
