/**
 * Seconds of training at any step, from the steps that carry a measured time (StepEvent.elapsedMs):
 * between two timed steps, on the straight line between their times (a live view receives a
 * thinned sample of the steps, and evaluations fall between them); before the first, its time;
 * after the last, up to the run's end time when the run has ended, else the last time.
 */
export function secondsAtSteps(
  timed: { readonly step: readonly number[]; readonly seconds: readonly number[] },
  steps: readonly number[],
  end: { readonly step: number; readonly seconds: number } | null,
): number[] {
  const xs = [...timed.step];
  const ys = [...timed.seconds];
  if (end !== null && xs.length > 0 && end.step > xs.at(-1)! && end.seconds >= ys.at(-1)!) {
    xs.push(end.step);
    ys.push(end.seconds);
  }
  const out = new Array<number>(steps.length);
  let j = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (xs.length === 0) {
      out[i] = 0;
      continue;
    }
    // steps ascend, so the segment only moves forward.
    while (j < xs.length - 1 && xs[j + 1]! <= step) j++;
    if (step <= xs[0]!) out[i] = ys[0]!;
    else if (j >= xs.length - 1) out[i] = ys.at(-1)!;
    else out[i] = ys[j]! + ((ys[j + 1]! - ys[j]!) * (step - xs[j]!)) / (xs[j + 1]! - xs[j]!);
  }
  return out;
}
