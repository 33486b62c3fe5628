import { findLabSheet } from '$engine/lab/lab-sheets';
import { presetOfTags } from '$engine/lab/preset-tag';
import { findPreset } from '$engine/lab/presets';
import type { Locale } from '../i18n/locale';

/**
 * A tag as the screens show it: the tags the app gives its own runs (`preset:<id>`, `lab:<sheet>`)
 * by the preset's or sheet's title in the UI's language, since an id such as
 * "preset:optimizer-momentum" is English in the Korean UI; a tag a person typed as they typed it.
 * The stored tag does not change (filters and the CLI match it).
 */
export function tagLabel(tag: string, locale: Locale): string {
  const presetId = presetOfTags([tag]);
  if (presetId !== null) {
    const preset = findPreset(presetId);
    if (preset) return preset.title[locale];
  }
  const sheet = /^lab:(.+)$/.exec(tag);
  if (sheet) {
    const found = findLabSheet(sheet[1]!);
    if (found) return `${locale === 'ko' ? '실습지' : 'Sheet'} ${found.title[locale]}`;
  }
  return tag;
}
