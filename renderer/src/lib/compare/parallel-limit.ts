/**
 * `work` on every item, at most `limit` at a time, the results in the items' order. Loading 80
 * runs one after another would take 80 round trips; all at once would queue 80 large answers on
 * the service at the same moment and leave the page with nothing to show until the last.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(Math.floor(limit), items.length)) }, worker));
  return results;
}
