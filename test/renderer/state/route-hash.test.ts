import { describe, expect, it } from 'vitest';
import type { Route } from '../../../renderer/src/lib/state/route';
import { hashOf, routeOfHash } from '../../../renderer/src/lib/state/route-hash';

/** The screen kept in the address's fragment: every route comes back from its fragment; anything else is the build screen. */

const RUN = 'a1000000-0000-4000-8000-000000000001';
const OTHER = 'b2000000-0000-4000-8000-000000000002';
const PACK = 'c3000000-0000-4000-8000-000000000003';

describe('the route in the address', () => {
  it.each<Route>([
    { view: 'build' },
    { view: 'runs' },
    { view: 'compare', runIds: [RUN, OTHER] },
    { view: 'replay', runId: RUN },
    { view: 'labs', sheetId: null },
    { view: 'labs', sheetId: '05-overfitting' },
    { view: 'labs', sheetId: 'sheet-1', step: 3, packId: PACK },
    { view: 'class', packId: PACK },
    { view: 'walkthrough' },
    { view: 'walkthrough', from: { sheetId: 'backprop', step: 4, phase: 'update', holdUpdate: true, packId: PACK } },
    { view: 'walkthrough', from: { sheetId: 'backprop', step: 0, phase: null, holdUpdate: false } },
  ])('keeps %o', (route) => {
    expect(routeOfHash(hashOf(route))).toEqual(route);
  });

  it('reads a replay and a sheet from their plain fragments', () => {
    expect(routeOfHash(`#/replay/${RUN}`)).toEqual({ view: 'replay', runId: RUN });
    expect(routeOfHash('#/labs/backprop?step=2')).toEqual({ view: 'labs', sheetId: 'backprop', step: 2 });
  });

  it.each(['', '#', '#/', '#/nowhere', '#runs', '#/replay', '#/replay/not-a-run!', '#/replay/' + RUN + '/x', '#/compare', '#/compare?runs=' + RUN + ',<b>', '#/labs/%E0%A4%A', '#/labs/../etc', '#/class/x', '#/walkthrough?sheet=backprop&step=x', '#/walkthrough?sheet=backprop&step=1&phase=sideways', '#/build/extra'])(
    'shows the build screen for %j',
    (hash) => {
      expect(routeOfHash(hash)).toEqual({ view: 'build' });
    },
  );
});
