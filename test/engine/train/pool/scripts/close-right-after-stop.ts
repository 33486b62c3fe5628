import { TrainingPool } from '../../../../../engine/train/pool/training-pool';
import { endlessSpec, prepare } from '../pool-helpers';

/**
 * A process with nothing to do but one run at a time (the CLI's case): stops a run once it trains,
 * closes the pool the moment its weights are in (usually before the worker's idle message, which
 * comes right behind them, has been handled), and prints "closed"; four times over, since the
 * order of those last messages is up to the threads. Exits with code 13 (an unsettled top-level
 * await) if a close() lets the event loop empty before its worker has exited.
 */
for (let round = 0; round < 4; round++) {
  const pool = new TrainingPool({ size: 1 });
  const run = pool.start(
    { runId: `close-right-after-stop-${round}`, ...prepare(endlessSpec({ seed: round })) },
    {
      onEvents: (events) => {
        if (events.some((e) => e.type === 'step')) run.stop();
      },
    },
  );
  await run.weights;
  await pool.close();
  process.stdout.write(`closed ${pool.workerCount} ${(await run.done).status}\n`);
}
