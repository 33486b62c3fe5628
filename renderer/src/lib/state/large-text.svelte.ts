import { StoredSwitch } from './stored-switch.svelte';

/**
 * Large-text mode for a teacher's projector: the whole page drawn 1.4 times larger (text, lines,
 * buttons), so a 1920 × 1080 projector shows what a 1366 × 768 lab PC shows, readable from the
 * back of the room. Remembered on this machine, as the language is.
 */
export const largeText = new StoredSwitch(() => localStorage, 'nnlab.largeText');

/**
 * How much larger large-text mode draws the page: the root's CSS zoom. Zoom lays text, borders
 * and the network's SVG out again at the larger size (they stay sharp), but a canvas keeps the
 * backing store its script gave it and is stretched like an image: canvases multiply their pixel
 * ratio by this (canvasPixelRatio).
 */
export const LARGE_TEXT_ZOOM = 1.4;

/** The page's zoom now (reading it makes an effect or attachment follow the switch). */
export function pageZoom(): number {
  return largeText.on ? LARGE_TEXT_ZOOM : 1;
}

/** Device pixels per CSS pixel of a canvas on the page: the screen's ratio times the page's zoom. */
export function canvasPixelRatio(): number {
  return (window.devicePixelRatio || 1) * pageZoom();
}
