/**
 * The training doctor's thresholds, one constant each, with the reason for its value. The values
 * were set on real runs of this engine (the doctor's tests train each case): a deep sigmoid net,
 * learning rates of 10 and 1e-6, dead and saturating initializations, 100 MNIST images for many
 * epochs, and healthy runs (the Adam example, the ReLU/He presets, tanh and ReLU nets on 2-D data)
 * that must get no finding.
 *
 * Fractions of dead or saturated units do not depend on the batch size here: they are fractions of
 * a layer, and the diagnostics take them over a fixed sample of training inputs (DESIGN.md).
 */

/**
 * A gradient finding (vanishing, exploding by ratio, saturation, dead ReLUs) must hold in each of
 * the last 3 diagnostics snapshots, not in one: a single snapshot is one batch, and early in
 * training a layer can be quiet for a moment. Three in a row is also why a run with fewer
 * snapshots gets no gradient finding: there is not enough evidence.
 */
export const SUSTAINED_SNAPSHOTS = 3;

/**
 * Vanishing: layer 1's gradient norm below 1/1,000 of the last layer's. The lecture's "orders of
 * magnitude": a 10-layer sigmoid net on MNIST sits near 1e-6, while healthy nets (ReLU/He,
 * Xavier/tanh, the Adam example) stay within a factor of 10 even though layer 1 has 78 times more
 * weights than the output layer (which raises its norm, so the threshold errs on the quiet side).
 */
export const VANISHING_RATIO = 1e-3;

/** Exploding by ratio: the mirror image, layer 1's gradient norm 1,000 times the last layer's or more. */
export const EXPLODING_RATIO = 1e3;

/**
 * Exploding by loss: a window of batches whose mean loss is 1,000 times the initial loss. No
 * learning rate that is merely too high does that; weights that overflow do (lr 10 on MNIST
 * reaches 1e8, initial weights of std 1 reach 1e31 before the ReLUs die).
 */
export const LOSS_BLOW_UP_FACTOR = 1e3;

/**
 * Saturation: at least 60 % of a hidden sigmoid/tanh layer's activation values in the flat parts
 * (sigmoid < .01 or > .99, |tanh| > .99). Sigmoid with weights of std 10 sits above 90 % from the
 * first step; a healthy tanh net stays under 30 % while it learns.
 */
export const SATURATED_FRACTION = 0.6;

/**
 * ...and only while learning has stalled: the recent loss is still at least half the initial loss.
 * A tanh net that has learnt its data well grows confident and saturates (65 % of layer 1 after
 * 100 epochs on the circle, at a loss 1/10 of the initial); that is not a problem to fix.
 */
export const SATURATION_STALLED_LOSS = 0.5;

/**
 * Dead ReLUs: at least half of a hidden ReLU layer's units pass no gradient for any sample.
 * Healthy ReLU/He nets have under 15 % (up to 30 % in a deep layer at the very start); lr 10 or a
 * negative constant initialization kills 100 %; Adam at lr 0.05 kills 70 % of layer 1.
 */
export const DEAD_FRACTION = 0.5;

/**
 * The loss criteria (learning rate too high or too low) wait for 30 steps: before that, a window
 * of batches is a handful of them, and the first steps of a good run can jump.
 */
export const MIN_LOSS_STEPS = 30;

/**
 * Losses are compared as means over windows of a tenth of the steps so far (at least 5 steps):
 * long enough to average out batch noise (batches of 10 points vary by a factor of 3), short
 * enough that the recent window is recent.
 */
export const LOSS_WINDOW_FRACTION = 0.1;
export const MIN_LOSS_WINDOW = 5;

/**
 * Learning rate too high: some window's loss rose to 3 times the initial loss. Gradient descent
 * with a good rate never goes far above where it started; lr 10 on tanh/circle runs at 10–20 times.
 */
export const LOSS_PEAK_FACTOR = 3;

/**
 * ...or the recent loss is back up: 1.5 times the lowest window, and by at least a quarter of the
 * way it had come down (so a loss of 0.06 against a best of 0.04, batch noise at the bottom of a
 * good run, does not count).
 */
export const LOSS_RISE_FACTOR = 1.5;
export const LOSS_RISE_SHARE = 0.25;

/**
 * Learning rate too low: the loss came down by less than 5 % of the initial loss...
 */
export const FLAT_LOSS_DROP = 0.05;

/**
 * ...while every layer's update ratio ‖ΔW‖/‖W‖ stayed below 1e-4 in the last snapshots: the rule
 * of thumb for a good rate is about 1e-3 per step; lr 1e-6 gives 1e-7. A layer whose gradient is
 * exactly 0 (all its ReLUs dead) does not count: its weights stand still whatever the rate.
 */
export const LOW_UPDATE_RATIO = 1e-4;

/**
 * Overfitting: the test loss of the last 2 evaluations is 20 % or more above its lowest, measured
 * at an earlier evaluation, while the training loss is still below what it was then. One
 * evaluation up is noise (a jumpy learning rate does that); two while training still improves is
 * the U-shaped test curve of the lecture. 10 % is within the wobble of a small test split (a
 * 16-16 ReLU net on 200 spiral points goes 10 % up and back down); 100 MNIST images for 60 epochs
 * go 50 % up.
 */
export const OVERFIT_SUSTAINED_EVALS = 2;
export const OVERFIT_TEST_LOSS_RISE = 0.2;

/**
 * ...and, where there are accuracies, training accuracy ahead of test accuracy by 5 points or
 * more: a test loss that creeps up on a model whose accuracies agree is overconfidence, not a gap.
 */
export const OVERFIT_ACCURACY_GAP = 0.05;
