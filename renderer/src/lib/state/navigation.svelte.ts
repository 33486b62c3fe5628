/** The app's screens and what each shows. */
export type Route =
  | { view: 'build' }
  | { view: 'runs' }
  | { view: 'compare'; runIds: string[] }
  | { view: 'replay'; runId: string }
  | { view: 'labs'; sheetId: string | null }
  | { view: 'walkthrough' };

/**
 * Which screen is showing. One instance for the page; components switch screens with `go`.
 * (No URLs: the app is one page, and the browser host's address carries only its token.)
 */
export class Navigation {
  route = $state<Route>({ view: 'build' });

  go(route: Route): void {
    this.route = route;
    window.scrollTo({ top: 0 });
  }
}
