import type { LocalizedText } from './presets';

/**
 * A network's weight layers as the lecture and the builder name them: the hidden layers counted
 * from 1 (은닉층 1 / hidden layer 1 is layers[0]), the last one the output layer (출력층 / output
 * layer), never "층 N" / "layer N", which left the output layer as "층 4" in one place and 출력층
 * in the next. test/renderer/text/glossary.test.ts keeps "층 N" out of every Korean text.
 */

type Lang = keyof LocalizedText;

/** "은닉층 3" / "hidden layer 3" for 0-based layer 2; "출력층" / "output layer" for the last of `layerCount` (when known). */
export function layerWord(layer: number, layerCount: number | null, lang: Lang): string {
  if (layerCount !== null && layer === layerCount - 1) return lang === 'ko' ? '출력층' : 'output layer';
  return lang === 'ko' ? `은닉층 ${layer + 1}` : `hidden layer ${layer + 1}`;
}

/**
 * 0-based layers as people count them, runs folded, the output layer last by its name:
 * [0, 1, 2, 5] → "은닉층 1–3, 6" / "hidden layers 1–3, 6"; [0, 1, 3] of 4 → "은닉층 1–2, 출력층".
 */
export function layerListWords(layers: readonly number[], layerCount: number | null, lang: Lang): string {
  const sorted = [...new Set(layers)].sort((a, b) => a - b);
  const output = layerCount !== null && sorted.at(-1) === layerCount - 1;
  const hidden = output ? sorted.slice(0, -1) : sorted;
  const parts: string[] = [];
  if (hidden.length > 0) {
    const runs: string[] = [];
    for (let i = 0; i < hidden.length; ) {
      let j = i;
      while (j + 1 < hidden.length && hidden[j + 1] === hidden[j]! + 1) j++;
      runs.push(j === i ? `${hidden[i]! + 1}` : `${hidden[i]! + 1}–${hidden[j]! + 1}`);
      i = j + 1;
    }
    const name = lang === 'ko' ? '은닉층' : hidden.length > 1 ? 'hidden layers' : 'hidden layer';
    parts.push(`${name} ${runs.join(', ')}`);
  }
  if (output) parts.push(lang === 'ko' ? '출력층' : 'output layer');
  return parts.join(', ');
}
