import { OPTIMIZER_NAMES } from '$engine/lab/optimizer-names';
import type { RerunOutcome } from '$engine/api/lab-api';
import type { RunSpec } from '$engine/api/run-spec';
import type { Locale, Translate } from '../i18n/locale';
import type { HistoryKey } from '../i18n/messages/history';
import { counted, countedForEither } from '../i18n/plural';

/** Replay speeds offered, in training steps per second; 'recorded' plays at the pace the run trained. */
export const REPLAY_SPEEDS = [10, 50, 200, 1000] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number] | 'recorded';
export const DEFAULT_REPLAY_SPEED: (typeof REPLAY_SPEEDS)[number] = 50;

/** Slowest and fastest replays: ReplaySession advances every 50 ms, so 20 000 steps/s is 1 000 steps per frame. */
const MIN_PACE = 1;
const MAX_PACE = 20_000;

/**
 * The pace the run trained at, in steps per second (steps ÷ seconds of training), clamped to what a
 * replay can show; null when the run has no duration or no steps.
 */
export function recordedPace(steps: number, trainingMs: number | null): number | null {
  if (trainingMs === null || !(trainingMs > 0) || !(steps > 0)) return null;
  return Math.min(MAX_PACE, Math.max(MIN_PACE, steps / (trainingMs / 1000)));
}

/** Steps per second for a chosen speed ('recorded' falls back to the default when the pace is unknown). */
export function stepsPerSecond(speed: ReplaySpeed, pace: number | null): number {
  if (speed === 'recorded') return pace ?? DEFAULT_REPLAY_SPEED;
  return speed;
}

/**
 * The epoch reached after `step` updates, as a decimal ("2.4": four tenths into the third epoch);
 * "0" before training, whole numbers at epoch ends. "–" when the steps per epoch are unknown.
 */
export function epochText(step: number, stepsPerEpoch: number | null): string {
  if (!stepsPerEpoch || stepsPerEpoch <= 0) return '–';
  const epochs = step / stepsPerEpoch;
  return Number.isInteger(epochs) ? String(epochs) : epochs.toFixed(1);
}

const FIELD_KEYS: Record<string, HistoryKey> = {
  step: 'fieldStep',
  epoch: 'fieldEpoch',
  loss: 'fieldLoss',
  dataLoss: 'fieldDataLoss',
  trainLoss: 'fieldTrainLoss',
  trainAccuracy: 'fieldTrainAccuracy',
  testLoss: 'fieldTestLoss',
  testAccuracy: 'fieldTestAccuracy',
};

/** A recorded number exactly as stored (shortest round-trip form: a last-bit difference stays visible). */
function exact(value: number | null, t: Translate<HistoryKey>): string {
  return value === null ? t('missing') : String(value);
}

/** What a re-run found, in words: the verdict, and a note when the engine versions differ. */
export interface RerunReport {
  identical: boolean;
  verdict: string;
  engines: string | null;
}

/**
 * "identical ✔ (1250 steps, bit for bit)", or "differs first at step 312: batch loss was
 * 0.6931471824645996, now 0.6931471228790283". `steps` is the stored run's number of updates.
 */
export function rerunReport(outcome: RerunOutcome, steps: number, t: Translate<HistoryKey>): RerunReport {
  const { stored, rerun } = outcome.engineVersions;
  const engines = stored === rerun ? null : t('rerunEngines', { stored, rerun });
  const difference = outcome.firstDifference;
  if (outcome.identical || !difference) return { identical: true, verdict: countedForEither(t, 'rerunIdentical', steps), engines };
  const fieldKey = FIELD_KEYS[difference.field];
  return {
    identical: false,
    verdict: t('rerunDiffers', {
      step: difference.step,
      field: fieldKey ? t(fieldKey) : difference.field,
      stored: exact(difference.stored, t),
      rerun: exact(difference.rerun, t),
    }),
    engines,
  };
}

/** "Adam · lr 0.03" / "Adam · 학습률 0.03", "모멘텀 · 학습률 0.1". */
export function optimizerText(optimizer: RunSpec['optimizer'], locale: Locale = 'en'): string {
  const name = OPTIMIZER_NAMES[optimizer.name]?.[locale] ?? optimizer.name;
  return optimizer.lr === undefined ? name : `${name} · ${locale === 'ko' ? '학습률' : 'lr'} ${optimizer.lr}`;
}

/** "40 에폭" / "2000 iterations": how long the spec trains. */
export function lengthText(training: RunSpec['training'], t: Translate<HistoryKey>, locale: Locale): string {
  return training.epochs !== undefined ? counted(t, locale, 'epochs', training.epochs) : counted(t, locale, 'iterations', training.iterations ?? 0);
}
