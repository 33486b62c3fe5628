/**
 * A dataset that cannot be built: a malformed inline dataset, a spec the data cannot satisfy, or
 * missing or corrupt MNIST files. `field` names what to fix, in the RunSpec's own terms
 * ("dataset.x[3]", "dataset.testFraction"), or "dataset" when the fault is not in one field
 * (an installation without the MNIST files). The message says what is wrong and, where it can,
 * how to fix it.
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly field: string;

  constructor(field: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.field = field;
  }
}
