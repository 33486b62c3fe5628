/**
 * The browser host's launch token (cli/serve): the address `nnlab serve` prints carries it as
 * `?token=`. Left there it would sit in the address bar, the tab's history and anything the
 * address is copied into, so at load the page takes it out: kept in sessionStorage (this tab
 * only, gone when the tab closes; a reload finds it there) and the address replaced by the same
 * one without it. The token is only ever sent to the WebSocket (socketUrl).
 */

const STORAGE_KEY = 'nnlab-launch-token';

/** What takePageToken touches of the page: its address, its history, this tab's storage. */
export interface TokenPage {
  location: { href: string };
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** This launch's token: from the address (moved to the tab's storage, the address cleaned), else from the tab's storage; null if neither has one. */
export function takePageToken(page: TokenPage): string | null {
  const url = new URL(page.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress !== null) {
    url.searchParams.delete('token');
    if (fromAddress !== '') page.sessionStorage.setItem(STORAGE_KEY, fromAddress);
    page.history.replaceState(page.history.state, '', url.href);
    if (fromAddress !== '') return fromAddress;
  }
  const stored = page.sessionStorage.getItem(STORAGE_KEY);
  return stored === null || stored === '' ? null : stored;
}
