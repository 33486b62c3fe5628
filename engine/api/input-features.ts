/**
 * Input features of the 2-D datasets, as TensorFlow Playground has them: each is a function of the
 * raw point (x₁, x₂) after the dataset's generation and noise. A spec names the ones its network
 * sees in `dataset.features`; without it the network sees the point itself (x₁, x₂).
 */

/** The closed set, in the order a spec lists them and the network's first layer reads them. */
export const INPUT_FEATURES = ['x1', 'x2', 'x1_squared', 'x2_squared', 'x1_x2', 'sin_x1', 'sin_x2'] as const;
export type InputFeature = (typeof INPUT_FEATURES)[number];

/** What a spec without `dataset.features` means: the point's own coordinates. */
export const DEFAULT_INPUT_FEATURES: readonly InputFeature[] = ['x1', 'x2'];

/** The feature's value at the point (x1, x2), in float64. */
export function inputFeatureValue(feature: InputFeature, x1: number, x2: number): number {
  switch (feature) {
    case 'x1':
      return x1;
    case 'x2':
      return x2;
    case 'x1_squared':
      return x1 * x1;
    case 'x2_squared':
      return x2 * x2;
    case 'x1_x2':
      return x1 * x2;
    case 'sin_x1':
      return Math.sin(x1);
    case 'sin_x2':
      return Math.sin(x2);
  }
}

/** The features a dataset entry of a spec names, or null when it names none (the raw inputs). */
export function datasetFeatures(dataset: { features?: readonly InputFeature[] | undefined }): readonly InputFeature[] | null {
  return dataset.features ?? null;
}

/**
 * Problems with a `features` list (field names relative to it): duplicates and an order other than
 * INPUT_FEATURES'. The order is refused rather than sorted: the first layer's explicit weights are
 * written row by row in this order, and a silent reorder would give rows to the wrong features.
 */
export function featureListProblems(features: readonly InputFeature[]): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = [];
  const seen = new Set<InputFeature>();
  features.forEach((feature, index) => {
    if (seen.has(feature)) {
      problems.push({ index, message: `${feature} is listed twice; list each feature once` });
      return;
    }
    const previous = features[index - 1];
    if (previous !== undefined && INPUT_FEATURES.indexOf(previous) > INPUT_FEATURES.indexOf(feature)) {
      problems.push({ index, message: `${feature} must come before ${previous}: list features in the order ${INPUT_FEATURES.join(', ')}` });
    }
    seen.add(feature);
  });
  return problems;
}
