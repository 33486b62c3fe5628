import type { RunSpecInput } from '$engine/api/run-spec';
import type { TrainPreset } from '$engine/lab/presets';
import type { Locale } from '../i18n/locale';

/**
 * A preset's spec named by the preset's title in the UI's language: the run it starts is called
 * "최적화 기법 비교: 모멘텀" in a Korean class, not by the spec's English name. The name is stored
 * with the run and kept (a later switch of language does not rename it; reportRunName reads
 * either title as the preset's).
 */
export function presetRunSpec(preset: TrainPreset, locale: Locale): RunSpecInput {
  return { ...preset.spec, name: preset.title[locale] };
}
