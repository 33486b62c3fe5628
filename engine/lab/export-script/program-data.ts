import type { InputFeature } from '../../api/input-features';
import type { RunSpec } from '../../api/run-spec';
import { pyNumber, pyNumbers } from './python-literal';
import type { ExportWords } from './export-words';

/** How the targets reach the loss (as engine/train/targets.ts decides from the output width). */
export type ExportEncoding = { kind: 'onehot'; numClasses: number } | { kind: 'label' } | { kind: 'values'; width: number };

/** The MNIST sizes NN Lab's loader uses. */
const MNIST_CLASSES = 10;
const TOY_CLASSES = 2;

/**
 * The encoding of a spec's targets, or an Error naming what does not fit: the same rule as the
 * trainer's (one unit per class, or one sigmoid unit for two classes, or the target vectors' width).
 */
export function exportEncoding(spec: RunSpec): ExportEncoding {
  const outputUnits = spec.layers[spec.layers.length - 1]!.units;
  const { dataset } = spec;
  let numClasses: number;
  if (dataset.name === 'inline') {
    const labels = [...dataset.y, ...(dataset.test?.y ?? [])];
    if (labels.length > 0 && Array.isArray(labels[0])) {
      const width = (labels[0] as number[]).length;
      if (width !== outputUnits) throw new Error(`layers[${spec.layers.length - 1}].units: the output layer has ${outputUnits} units but each target has ${width} values`);
      return { kind: 'values', width };
    }
    numClasses = Math.max(2, ...(labels as number[]).map((label) => label + 1));
  } else {
    numClasses = dataset.name === 'mnist' ? MNIST_CLASSES : TOY_CLASSES;
  }
  if (outputUnits === numClasses) return { kind: 'onehot', numClasses };
  if (outputUnits === 1 && numClasses === 2) return { kind: 'label' };
  throw new Error(`layers[${spec.layers.length - 1}].units: the output layer has ${outputUnits} units but ${dataset.name} has ${numClasses} classes`);
}

/** Rows of the training split (what the batch sampler draws from). */
export function trainingRows(spec: RunSpec): number {
  const { dataset } = spec;
  if (dataset.name === 'inline') return dataset.x.length;
  if (dataset.name === 'mnist') return dataset.trainSize;
  return dataset.samples - Math.round(dataset.testFraction * dataset.samples);
}

/** The Python code that defines `load_data(mnist_dir)`, returning (x_train, y_train, x_test, y_test) as numpy arrays (test ones None when there is no test split). */
export function dataCode(spec: RunSpec, words: ExportWords): { explanation: string; code: string } {
  const { dataset } = spec;
  if (dataset.name === 'mnist') return { explanation: words.dataMnist, code: mnistData(dataset.trainSize, dataset.testSize, words) };
  const points = dataset.name === 'inline' ? { explanation: words.dataInline, code: inlineData(dataset) } : { explanation: words.dataToy, code: toyData(dataset, words) };
  if (dataset.features === undefined) return points;
  return { explanation: `${points.explanation} ${words.dataFeatures}`, code: `${points.code.replace('def load_data(', 'def load_points(')}\n\n${featuresCode(dataset.features, words)}` };
}

/** The input features as NN Lab computes them (engine/api/input-features.ts): float64 from each point, before the dtype conversion. */
const FEATURE_FORMULAS: Record<InputFeature, string> = {
  x1: 'x1',
  x2: 'x2',
  x1_squared: 'x1 * x1',
  x2_squared: 'x2 * x2',
  x1_x2: 'x1 * x2',
  sin_x1: 'np.sin(x1)',
  sin_x2: 'np.sin(x2)',
};

function featuresCode(features: readonly InputFeature[], words: ExportWords): string {
  return `def input_features(points):
    """${words.dataFeatures}"""
    if points is None:
        return None
    x1, x2 = points[:, 0], points[:, 1]
    return np.stack([
${features.map((feature) => `        ${FEATURE_FORMULAS[feature]},  # ${feature}`).join('\n')}
    ], axis=1)


def load_data(mnist_dir=None):
    x_train, y_train, x_test, y_test = load_points(mnist_dir)
    return input_features(x_train), y_train, input_features(x_test), y_test
`;
}

function inlineData(dataset: Extract<RunSpec['dataset'], { name: 'inline' }>): string {
  const labels = (y: number[] | number[][]) => (y.length > 0 && Array.isArray(y[0]) ? `np.array(${pyNumbers(y as number[][])}, dtype=np.float64)` : `np.array([${(y as number[]).join(', ')}], dtype=np.int64)`);
  const test = dataset.test;
  return `X_TRAIN_VALUES = np.array(${pyNumbers(dataset.x)}, dtype=np.float64)
Y_TRAIN_VALUES = ${labels(dataset.y)}
${test ? `X_TEST_VALUES = np.array(${pyNumbers(test.x)}, dtype=np.float64)\nY_TEST_VALUES = ${labels(test.y)}` : 'X_TEST_VALUES = None\nY_TEST_VALUES = None'}


def load_data(mnist_dir=None):
    return X_TRAIN_VALUES, Y_TRAIN_VALUES, X_TEST_VALUES, Y_TEST_VALUES
`;
}

function mnistData(trainSize: number, testSize: number, { doc }: ExportWords): string {
  return `TRAIN_SIZE = ${trainSize}
TEST_SIZE = ${testSize}


def read_idx(path, count):
    """${doc.readIdx}"""
    with open(path, "rb") as file:
        data = file.read()
    dimensions = data[3]
    sizes = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dimensions)]
    if sizes[0] < count:
        sys.exit(f"{path} holds only {sizes[0]} items, {count} needed")
    item_size = int(np.prod(sizes[1:])) if dimensions > 1 else 1
    values = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions, count=count * item_size)
    return values.reshape(count, item_size) if dimensions > 1 else values


def pixels(images):
    # ${doc.pixels}
    return images.astype(np.float64) * (1 / 255)


def load_data(mnist_dir):
    if mnist_dir is None:
        sys.exit("MNIST: give the folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (--mnist-dir DIR; MNIST_DIR in the notebook)")
    x_train = pixels(read_idx(os.path.join(mnist_dir, "train-images-idx3-ubyte"), TRAIN_SIZE))
    y_train = read_idx(os.path.join(mnist_dir, "train-labels-idx1-ubyte"), TRAIN_SIZE).astype(np.int64)
    if TEST_SIZE == 0:
        return x_train, y_train, None, None
    x_test = pixels(read_idx(os.path.join(mnist_dir, "t10k-images-idx3-ubyte"), TEST_SIZE))
    y_test = read_idx(os.path.join(mnist_dir, "t10k-labels-idx1-ubyte"), TEST_SIZE).astype(np.int64)
    return x_train, y_train, x_test, y_test
`;
}

const TOY_GENERATORS = {
  circle: `def make_points(random, first_class_count):
    """DOC"""
    inner = RADIUS * 0.5
    points, labels = [], []
    for i in range(SAMPLES):
        r_min, r_max = (0, inner) if i < first_class_count else (RADIUS * 0.7, RADIUS)
        r = uniform_between(random, r_min, r_max)
        angle = uniform_between(random, 0, 2 * math.pi)
        x = r * math.sin(angle)
        y = r * math.cos(angle)
        noise_x = uniform_between(random, -RADIUS, RADIUS) * NOISE
        noise_y = uniform_between(random, -RADIUS, RADIUS) * NOISE
        points.append([x, y])
        labels.append(1 if math.hypot(x + noise_x, y + noise_y) < inner else 0)
    return points, labels`,
  xor: `def make_points(random, first_class_count):
    """DOC"""
    points, labels = [], []
    for i in range(SAMPLES):
        abs_x = uniform_between(random, 0, RADIUS) + XOR_PADDING
        abs_y = uniform_between(random, 0, RADIUS) + XOR_PADDING
        sign_x = -1 if random.uniform() < 0.5 else 1
        sign_y = sign_x if i < first_class_count else -sign_x
        x = sign_x * abs_x
        y = sign_y * abs_y
        noise_x = uniform_between(random, -RADIUS, RADIUS) * NOISE
        noise_y = uniform_between(random, -RADIUS, RADIUS) * NOISE
        points.append([x, y])
        labels.append(1 if (x + noise_x) * (y + noise_y) >= 0 else 0)
    return points, labels`,
  gauss: `def make_points(random, first_class_count):
    """DOC"""
    std = math.sqrt(0.5 + 7 * NOISE)
    points, labels = [], []
    for i in range(SAMPLES):
        center = 2 if i < first_class_count else -2
        x = center + std * random.normal()
        y = center + std * random.normal()
        points.append([x, y])
        labels.append(1 if i < first_class_count else 0)
    return points, labels`,
  spiral: `def make_points(random, first_class_count):
    """DOC"""
    points, labels = [], []
    for i in range(SAMPLES):
        is_first = i < first_class_count
        count = first_class_count if is_first else SAMPLES - first_class_count
        k = i if is_first else i - first_class_count
        r = (RADIUS * k) / count
        t = (1.75 * 2 * math.pi * k) / count + (0 if is_first else math.pi)
        x = r * math.sin(t) + uniform_between(random, -1, 1) * NOISE
        y = r * math.cos(t) + uniform_between(random, -1, 1) * NOISE
        points.append([x, y])
        labels.append(1 if is_first else 0)
    return points, labels`,
} as const;

function toyData(dataset: Extract<RunSpec['dataset'], { name: 'circle' | 'xor' | 'gauss' | 'spiral' }>, { doc }: ExportWords): string {
  const testCount = Math.round(dataset.testFraction * dataset.samples);
  return `DATASET = "${dataset.name}"
SAMPLES = ${dataset.samples}
NOISE = ${pyNumber(dataset.noise)}
TEST_COUNT = ${testCount}  # round(${pyNumber(dataset.testFraction)} * SAMPLES)
RADIUS = 5.0
XOR_PADDING = 0.3


def uniform_between(random, low, high):
    return low + random.uniform() * (high - low)


${TOY_GENERATORS[dataset.name].replace('DOC', doc[dataset.name])}


def load_data(mnist_dir=None):
    random = random_stream(SEED, "data")
    first_class_count = SAMPLES - SAMPLES // 2
    points, labels = make_points(random, first_class_count)
    order = list(range(SAMPLES))
    random.shuffle(order)
    train, test = order[:SAMPLES - TEST_COUNT], order[SAMPLES - TEST_COUNT:]
    points, labels = np.array(points, dtype=np.float64), np.array(labels, dtype=np.int64)
    if TEST_COUNT == 0:
        return points[train], labels[train], None, None
    return points[train], labels[train], points[test], labels[test]
`;
}
