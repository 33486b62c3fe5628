import type { HistogramRangeMode } from '../charts/histogram-shapes';

const STORAGE_KEY = 'nnlab.histogramRange';
const MODES: readonly HistogramRangeMode[] = ['shared', 'per-layer'];

/**
 * How histogram figures range their x axes, shared by every screen that draws them (training,
 * replay, probe, compare): one range for all layers (the default, the textbook's way) or each
 * layer its own. A student's switch is remembered on this machine (localStorage), as the language is.
 */
class HistogramView {
  #range = $state<HistogramRangeMode>(readSavedRange());

  get range(): HistogramRangeMode {
    return this.#range;
  }

  set range(value: HistogramRangeMode) {
    this.#range = value;
    try {
      localStorage.setItem(STORAGE_KEY, value);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this session.
    }
  }
}

function readSavedRange(): HistogramRangeMode {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (MODES as readonly string[]).includes(saved)) return saved as HistogramRangeMode;
  } catch {
    // fall through to the default
  }
  return 'shared';
}

export const histogramView = new HistogramView();
