import type { OptimizerName, OptimizerSpec } from '../api/run-spec';

// Apart from the update rules (optimizers.ts pulls in the WebAssembly kernels), so pure readers
// of a spec (the program export, the page) can resolve its options.

/** torch.optim defaults: lr, and the option values a spec may leave out. */
export const OPTIMIZER_DEFAULTS: Record<OptimizerName, Required<Omit<OptimizerSpec, 'name'>>> = {
  sgd: { lr: 0.001, momentum: 0, beta1: 0.9, beta2: 0.999, rho: 0.99, eps: 1e-8 },
  momentum: { lr: 0.001, momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.99, eps: 1e-8 },
  nesterov: { lr: 0.001, momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.99, eps: 1e-8 },
  adagrad: { lr: 0.01, momentum: 0, beta1: 0.9, beta2: 0.999, rho: 0.99, eps: 1e-10 },
  rmsprop: { lr: 0.01, momentum: 0, beta1: 0.9, beta2: 0.999, rho: 0.99, eps: 1e-8 },
  adam: { lr: 0.001, momentum: 0, beta1: 0.9, beta2: 0.999, rho: 0.99, eps: 1e-8 },
};

/** The spec's options with torch's defaults filled in. */
export function resolveOptimizerOptions(spec: OptimizerSpec): Required<OptimizerSpec> {
  const defaults = OPTIMIZER_DEFAULTS[spec.name];
  return {
    name: spec.name,
    lr: spec.lr ?? defaults.lr,
    momentum: spec.momentum ?? defaults.momentum,
    beta1: spec.beta1 ?? defaults.beta1,
    beta2: spec.beta2 ?? defaults.beta2,
    rho: spec.rho ?? defaults.rho,
    eps: spec.eps ?? defaults.eps,
  };
}
