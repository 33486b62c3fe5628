import type { RunSpec } from '../../api/run-spec';
import { normalizeInit } from '../../nn/initializers';
import type { ExportWords } from './export-words';
import { pyNumber, pyNumbers } from './python-literal';

/** Python expressions of the activations a spec uses (torch's own functions, PyTorch's definitions). */
const ACTIVATION_CODE: Record<string, string> = {
  sigmoid: 'torch.sigmoid',
  tanh: 'torch.tanh',
  relu: 'torch.relu',
  leaky_relu: 'lambda z: F.leaky_relu(z, 0.01)',
  elu: 'F.elu',
  linear: 'lambda z: z',
  softmax: 'lambda z: torch.softmax(z, dim=1)',
};

/** `ACTIVATIONS = {...}` with only the functions this network uses. */
export function activationsCode(spec: RunSpec): string {
  const used = [...new Set(spec.layers.map((layer) => layer.activation))];
  return `ACTIVATIONS = {\n${used.map((name) => `    "${name}": ${ACTIVATION_CODE[name]},`).join('\n')}\n}`;
}

/**
 * One line per layer: how its initial weights are drawn (or written out), in NN Lab's order:
 * every normal initializer scales the same standard-normal draws, every uniform one the same
 * U(−1, 1) draws, row by row of W (n_in × n_out).
 */
export function initialWeightsCode(spec: RunSpec, inputSize: number, { doc }: ExportWords): string {
  let nIn = inputSize;
  const lines = spec.layers.map((layer, index) => {
    const init = normalizeInit(layer.init, layer.activation);
    const nOut = layer.units;
    const random = `random_stream(SEED, "init:${index}")`;
    let expression: string;
    let comment = '';
    switch (init.name) {
      case 'xavier':
        expression = `normal_weights(${random}, ${nIn}, ${nOut}, 1 / math.sqrt(${nIn})), zeros(${nOut})`;
        comment = '  # Xavier: std 1/√n_in';
        break;
      case 'he':
        expression = `normal_weights(${random}, ${nIn}, ${nOut}, math.sqrt(2 / ${nIn})), zeros(${nOut})`;
        comment = '  # He: std √(2/n_in)';
        break;
      case 'normal':
        expression = `normal_weights(${random}, ${nIn}, ${nOut}, ${pyNumber(init.std)}), zeros(${nOut})`;
        break;
      case 'glorot_uniform':
        expression = `uniform_weights(${random}, ${nIn}, ${nOut}, math.sqrt(6 / (${nIn} + ${nOut}))), zeros(${nOut})`;
        break;
      case 'he_uniform':
        expression = `uniform_weights(${random}, ${nIn}, ${nOut}, math.sqrt(6 / ${nIn})), zeros(${nOut})`;
        break;
      case 'uniform':
        expression = `uniform_weights(${random}, ${nIn}, ${nOut}, ${pyNumber(init.limit)}), zeros(${nOut})`;
        break;
      case 'zeros':
        expression = `np.zeros((${nIn}, ${nOut})), zeros(${nOut})`;
        break;
      case 'constant':
        expression = `np.full((${nIn}, ${nOut}), ${pyNumber(init.value)}), np.full(${nOut}, ${pyNumber(init.value)})`;
        break;
      case 'values':
        expression = `np.array(${pyNumbers(init.weights, '    ')}, dtype=np.float64), ${init.bias ? `np.array(${pyNumbers(init.bias)}, dtype=np.float64)` : `zeros(${nOut})`}`;
        break;
    }
    nIn = nOut;
    return `        (${expression}),${comment}`;
  });
  return `def initial_weights():
    """${doc.initialWeights}"""
    return [
${lines.join('\n')}
    ]`;
}

/** `build_network()`: one Block per layer of the spec. */
export function networkCode(spec: RunSpec, inputSize: number, { doc }: ExportWords): string {
  let nIn = inputSize;
  const blocks = spec.layers.map((layer, index) => {
    const line = `        Block(${nIn}, ${layer.units}, "${layer.activation}", batch_norm=${layer.batchNorm ? 'True' : 'False'}, dropout=${pyNumber(layer.dropout)}, index=${index}),`;
    nIn = layer.units;
    return line;
  });
  return `def build_network():
    network = Network([
${blocks.join('\n')}
    ])
    with torch.no_grad():
        for block, (weights, bias) in zip(network.blocks, initial_weights()):
            # ${doc.linearKeepsTranspose}
            block.dense.weight.copy_(torch.tensor(weights.T))
            block.dense.bias.copy_(torch.tensor(bias))
    return network`;
}

/** The network's input width (known without loading the data): one per input feature where the spec names them. */
export function inputWidth(spec: RunSpec): number {
  const { dataset } = spec;
  if (dataset.name !== 'mnist' && dataset.features !== undefined) return dataset.features.length;
  if (dataset.name === 'inline') return dataset.x[0]!.length;
  if (dataset.name === 'mnist') return 784;
  return 2;
}
