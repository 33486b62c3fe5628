import { randomStream } from '../nn/random';

/**
 * A seeded shuffle of a comparison's choices, for the order each student sees them in (the UI
 * keys it by the student and the comparison). It draws from the engine's own seeded streams: the
 * same seed always gives the same order, and every order is (nearly) equally likely over seeds.
 */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const order = items.map((_, index) => index);
  randomStream(0, `choice-order\u0000${seed}`).shuffle(order);
  return order.map((index) => items[index]!);
}
