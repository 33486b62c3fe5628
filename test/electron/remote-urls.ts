import ts from 'typescript';

/**
 * Finds the remote addresses a built bundle names, for the offline checks (built-app.test.ts).
 * Only what the code can use counts: string and template literals of a script (comments, where
 * licences and docs quote URLs, are skipped by parsing the script with TypeScript's parser), and
 * CSS with its comments removed.
 */

/** A URL whose scheme reaches the network; the match stops where a literal or a CSS token would. */
const REMOTE_URL = /\b(?:https?|wss?|ftp):\/\/[^\s"'`<>()\\]*/gi;

/** Every remote URL in the string and template literals of `code` (a JavaScript module or script). */
export function remoteUrlsInScript(code: string, fileName = 'bundle.js'): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const urls: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      urls.push(...(node.text.match(REMOTE_URL) ?? []));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return urls;
}

/**
 * Every remote URL in `css` (or HTML) outside comments: with a scheme anywhere, and
 * protocol-relative url(//host/…) references, which from a file:// page name a network share.
 */
export function remoteUrlsInCss(css: string): string[] {
  const code = css.replace(/\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->/g, '');
  const protocolRelative = [...code.matchAll(/url\(\s*["']?(\/\/[^\s"')]+)/gi)].map((m) => m[1]!);
  return [...(code.match(REMOTE_URL) ?? []), ...protocolRelative];
}

/**
 * URLs that bundled libraries write as data, never as something to fetch. Anything else in a
 * built bundle fails the offline test, with its reason to be added here only after review.
 */
export const INERT_URLS: { pattern: RegExp; why: string }[] = [
  { pattern: /^http:\/\/www\.w3\.org\//, why: 'XML namespace names (SVG, XHTML, XLink, XMLNS) for createElementNS/setAttributeNS: identifiers, never fetched' },
  { pattern: /^https:\/\/svelte\.dev\/e\/[a-z_]+$/, why: "Svelte's runtime error messages end with a link to their explanation: text, never fetched" },
  { pattern: /^https?:\/\/json-schema\.org\/[\w\-/]+#?$/, why: "zod's toJSONSchema writes the standard $schema identifier: a name, never fetched" },
  { pattern: /^http:\/\/\[$/, why: "zod's IPv6 check builds `http://[${value}]` only to parse it with URL.canParse: nothing is requested" },
];

export function isInert(url: string): boolean {
  return INERT_URLS.some(({ pattern }) => pattern.test(url));
}
