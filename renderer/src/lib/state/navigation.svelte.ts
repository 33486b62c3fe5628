import { hashOf, routeOfHash } from './route-hash';
import type { Route } from './route';

export type { Route, WalkthroughFromSheet } from './route';

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
