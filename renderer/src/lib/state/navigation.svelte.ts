import type { WalkthroughPhase } from '$engine/lab/lab-sheets';
import { hashOf, routeOfHash } from './route-hash';

/** The walkthrough as a lab sheet's step opened it. */
export interface WalkthroughFromSheet {
  sheetId: string;
  /** The step whose button opened it: the way back returns there. */
  step: number;
  /** The phase to open at (its first step); null: the beginning. */
  phase: WalkthroughPhase | null;
  /** The update phase waits for the sheet's prediction (walkthroughUpdateShown was false when it opened; predictions are made on the sheet, so it holds while the walkthrough is open). */
  holdUpdate: boolean;
  /** The lab pack the sheet was opened in: the way back returns to it there. */
  packId?: string;
}

/** The app's screens and what each shows. */
export type Route =
  | { view: 'build' }
  | { view: 'runs' }
  | { view: 'compare'; runIds: string[] }
  | { view: 'replay'; runId: string }
  /** A sheet (null: the list of sheets), scrolled to `step` when given; with `packId`, the sheet of that opened lab pack. */
  | { view: 'labs'; sheetId: string | null; step?: number; packId?: string }
  /** A lab pack's class results (the teacher's class view). */
  | { view: 'class'; packId: string }
  /** The backprop walkthrough, from the header (shows everything) or from a lab sheet's step. */
  | { view: 'walkthrough'; from?: WalkthroughFromSheet };

/** What Navigation uses of the page (the window). */
export interface NavigationPage {
  location: { hash: string };
  history: Pick<History, 'pushState' | 'replaceState' | 'state'>;
  addEventListener(type: 'popstate' | 'hashchange', listener: () => void): void;
  scrollTo(options: ScrollToOptions): void;
}

/**
 * Which screen is showing. One instance for the page; components switch screens with `go`.
 * The screen lives in the address's fragment (route-hash.ts): each `go` is an entry of the tab's
 * history, so Back and Forward move between screens, and a reload opens the same screen.
 */
export class Navigation {
  route = $state<Route>({ view: 'build' });

  constructor(private readonly page: NavigationPage = window) {
    this.route = routeOfHash(page.location.hash);
    // The address says what shows, in its canonical form (an unreadable fragment becomes the build screen's).
    const hash = hashOf(this.route);
    if (page.location.hash !== hash) page.history.replaceState(page.history.state, '', hash);
    const follow = (): void => {
      const route = routeOfHash(page.location.hash);
      if (page.location.hash !== hashOf(route)) page.history.replaceState(page.history.state, '', hashOf(route));
      if (hashOf(route) !== hashOf(this.route)) this.route = route;
    };
    page.addEventListener('popstate', follow);
    page.addEventListener('hashchange', follow);
  }

  go(route: Route): void {
    this.route = route;
    const hash = hashOf(route);
    if (this.page.location.hash !== hash) this.page.history.pushState(null, '', hash);
    this.page.scrollTo({ top: 0 });
  }
}
