import type { OptimizerName } from '../api/run-spec';
import type { LocalizedText } from './presets';

/**
 * Optimizers by name as the lecture writes them: Korean keeps SGD, AdaGrad, RMSprop and Adam in
 * Latin letters (their names in the slides) and says 모멘텀 and 네스테로프 as the textbook does.
 */
export const OPTIMIZER_NAMES: Record<OptimizerName, LocalizedText> = {
  sgd: { ko: 'SGD', en: 'SGD' },
  momentum: { ko: '모멘텀', en: 'Momentum' },
  nesterov: { ko: '네스테로프', en: 'Nesterov' },
  adagrad: { ko: 'AdaGrad', en: 'AdaGrad' },
  rmsprop: { ko: 'RMSprop', en: 'RMSprop' },
  adam: { ko: 'Adam', en: 'Adam' },
};
