/** What Tab can reach: form controls and links that are enabled, and anything given a tabindex of 0 or more. */
const FOCUSABLE = ['a[href]', 'button', 'input', 'select', 'textarea', 'summary', '[tabindex]', '[contenteditable="true"]'].join(',');

/** The elements inside `root` that Tab visits, in document order (shown, enabled, not taken out of the order). */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  const candidates = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.tabIndex >= 0 && !(element as HTMLButtonElement).disabled && !(element instanceof HTMLInputElement && element.type === 'hidden') && element.getClientRects().length > 0,
  );
  return candidates.filter((element) => !isRadio(element) || isRadioTabStop(element, candidates));
}

/** Where focus goes when a dialog opens: the element marked to take it, else the first one Tab would reach. */
export function initialFocus(root: HTMLElement): HTMLElement | null {
  const marked = root.querySelector<HTMLElement>('[autofocus], [data-autofocus]');
  return marked ?? focusableIn(root)[0] ?? null;
}

function isRadio(element: HTMLElement): element is HTMLInputElement {
  return element instanceof HTMLInputElement && element.type === 'radio';
}

/** A group of radio buttons is one Tab stop: its checked button, or its first when none is checked. */
function isRadioTabStop(radio: HTMLInputElement, candidates: HTMLElement[]): boolean {
  if (radio.name === '') return true;
  const group = candidates.filter((element): element is HTMLInputElement => isRadio(element) && element.name === radio.name && element.form === radio.form);
  const checked = group.find((element) => element.checked);
  return checked ? checked === radio : group[0] === radio;
}
