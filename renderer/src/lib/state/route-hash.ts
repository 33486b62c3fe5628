import { WALKTHROUGH_PHASES, type WalkthroughPhase } from '$engine/lab/lab-sheets';
import type { Route } from './route';

/**
 * A screen as the address's fragment, so that reload returns to it and Back/Forward move between
 * screens inside the app: `#/runs`, `#/replay/<run id>`, `#/compare?runs=<id>,<id>`,
 * `#/labs/<sheet>?step=2&pack=<pack id>`, `#/class/<pack id>`, `#/walkthrough?sheet=…`. The
 * browser host's launch token never lives here (page-token.ts keeps it out of the address).
 * Anything unreadable is the build screen: an address typed or kept from an older version
 * never shows an error.
 */

const RUN_ID = /^[0-9a-fA-F-]{8,36}$/;
const PACK_ID = RUN_ID;
const SHEET_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_COMPARED = 64;

/** The fragment (with its `#`) that shows `route`. */
export function hashOf(route: Route): string {
  switch (route.view) {
    case 'build':
      return '#/build';
    case 'runs':
      return '#/runs';
    case 'compare':
      return `#/compare${query({ runs: route.runIds.join(',') })}`;
    case 'replay':
      return `#/replay/${encodeURIComponent(route.runId)}`;
    case 'labs':
      return `#/labs${route.sheetId === null ? '' : `/${encodeURIComponent(route.sheetId)}`}${query({ step: route.step, pack: route.packId })}`;
    case 'class':
      return `#/class/${encodeURIComponent(route.packId)}`;
    case 'walkthrough': {
      const from = route.from;
      if (!from) return '#/walkthrough';
      return `#/walkthrough${query({ sheet: from.sheetId, step: from.step, phase: from.phase ?? undefined, hold: from.holdUpdate ? '1' : undefined, pack: from.packId })}`;
    }
  }
}

/** The route a fragment shows; the build screen for an empty or unreadable one. */
export function routeOfHash(hash: string): Route {
  return parse(hash) ?? { view: 'build' };
}

function parse(hash: string): Route | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.startsWith('/')) return null;
  const [path = '', search = ''] = text.slice(1).split('?', 2);
  let parts: string[];
  let params: URLSearchParams;
  try {
    parts = path.split('/').map((part) => decodeURIComponent(part));
    params = new URLSearchParams(search);
  } catch {
    return null;
  }
  const [view, id, ...rest] = parts;
  if (rest.length > 0) return null;
  switch (view) {
    case 'build':
    case 'runs':
      return id === undefined ? { view } : null;
    case 'compare': {
      const runIds = (params.get('runs') ?? '').split(',').filter((r) => r !== '');
      return id === undefined && runIds.length > 0 && runIds.length <= MAX_COMPARED && runIds.every((r) => RUN_ID.test(r)) ? { view, runIds } : null;
    }
    case 'replay':
      return id !== undefined && RUN_ID.test(id) ? { view, runId: id } : null;
    case 'class':
      return id !== undefined && PACK_ID.test(id) ? { view, packId: id } : null;
    case 'labs': {
      if (id !== undefined && !SHEET_ID.test(id)) return null;
      const step = wholeNumber(params.get('step'));
      const pack = params.get('pack');
      if (pack !== null && !PACK_ID.test(pack)) return null;
      return { view, sheetId: id ?? null, ...(step === null ? {} : { step }), ...(pack === null ? {} : { packId: pack }) };
    }
    case 'walkthrough': {
      if (id !== undefined) return null;
      const sheetId = params.get('sheet');
      if (sheetId === null) return { view };
      const step = wholeNumber(params.get('step'));
      const phase = params.get('phase');
      const pack = params.get('pack');
      if (!SHEET_ID.test(sheetId) || step === null || (phase !== null && !isPhase(phase)) || (pack !== null && !PACK_ID.test(pack))) return null;
      return { view, from: { sheetId, step, phase: phase ?? null, holdUpdate: params.get('hold') === '1', ...(pack === null ? {} : { packId: pack }) } };
    }
    default:
      return null;
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  if (entries.length === 0) return '';
  return `?${entries.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join('&')}`;
}

function wholeNumber(text: string | null): number | null {
  if (text === null || !/^\d{1,4}$/.test(text)) return null;
  return Number(text);
}

function isPhase(text: string): text is WalkthroughPhase {
  return (WALKTHROUGH_PHASES as readonly string[]).includes(text);
}
