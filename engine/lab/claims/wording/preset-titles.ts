import { findPreset, type LocalizedText } from '../../presets';

/** A preset's title, as the texts name the runs they compare; the id itself for an unknown preset. */
export function presetTitle(presetId: string): LocalizedText {
  const preset = findPreset(presetId);
  return preset ? preset.title : { ko: presetId, en: presetId };
}
