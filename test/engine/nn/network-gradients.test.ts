import { describe, expect, it } from 'vitest';
import type { LayerSpec, LossName } from '../../../engine/api/run-spec';
import { lossByName } from '../../../engine/nn/losses';
import { Network } from '../../../engine/nn/network';
import { addPenaltyGradients, penaltyValue } from '../../../engine/nn/penalties';
import { maxRelativeError, numericGradient, testValues } from './numeric-gradient';

const ROWS = 6;

function layer(units: number, activation: LayerSpec['activation'], extra: Partial<LayerSpec> = {}): LayerSpec {
  return { units, activation, init: 'xavier', batchNorm: false, dropout: 0, ...extra };
}

/**
 * Backpropagation through a whole network (every block type, the loss and both penalties) against
 * central differences of the total loss with respect to every parameter.
 */
function checkNetwork(layers: LayerSpec[], lossName: LossName, targets: Float64Array, l1: number, l2: number): Record<string, number> {
  const inputSize = 3;
  const network = new Network(inputSize, layers, 'float64', 7);
  const loss = lossByName(lossName);
  const x = testValues(ROWS * inputSize, 21, 2);
  const k = network.outputSize;
  const total = () => {
    const out = network.forward(x, ROWS, true);
    return loss.compute(network.outputPreactivation(), out, targets, ROWS, k, null) + penaltyValue(network.params, l1, l2);
  };
  const out = network.forward(x, ROWS, true);
  const grad = new Float64Array(ROWS * k);
  loss.compute(network.outputPreactivation(), out, targets, ROWS, k, grad);
  network.backward(grad, ROWS, loss.fusedActivation !== null);
  addPenaltyGradients(network.params, l1, l2);
  const analytic = network.params.map((p) => Float64Array.from(p.grad));
  for (const block of network.blocks) if (block.dropout) block.dropout.freezeMask = true;
  return Object.fromEntries(network.params.map((p, i) => [p.name, maxRelativeError(analytic[i]!, numericGradient(total, p.value))]));
}

function oneHot(labels: number[], k: number): Float64Array {
  const out = new Float64Array(labels.length * k);
  labels.forEach((label, r) => (out[r * k + label] = 1));
  return out;
}

describe('whole-network gradient checks (float64)', () => {
  it('tanh + batch norm + dropout → relu → softmax cross-entropy, with L1 and L2', () => {
    const errors = checkNetwork(
      [layer(5, 'tanh', { batchNorm: true, dropout: 0.3 }), layer(4, 'relu', { init: 'he' }), layer(3, 'softmax')],
      'softmax_cross_entropy',
      oneHot([0, 1, 2, 2, 1, 0], 3),
      0.01,
      0.02,
    );
    expect(Object.keys(errors)).toHaveLength(8);
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThan(1e-6);
  });

  it('sigmoid → leaky_relu → elu → sigmoid with binary cross-entropy', () => {
    const errors = checkNetwork(
      [layer(4, 'sigmoid'), layer(4, 'leaky_relu'), layer(3, 'elu', { batchNorm: true }), layer(1, 'sigmoid')],
      'binary_cross_entropy',
      Float64Array.from([1, 0, 1, 1, 0, 0]),
      0,
      0.1,
    );
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThan(1e-6);
  });

  it('linear output with mse (regression)', () => {
    const errors = checkNetwork([layer(6, 'tanh', { dropout: 0.5 }), layer(2, 'linear')], 'mse', testValues(ROWS * 2, 22), 0.05, 0);
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThan(1e-6);
  });
});
