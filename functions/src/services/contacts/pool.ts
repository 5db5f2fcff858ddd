/**
 * Runs `work` over `items`, at most `limit` at a time: one contact's requests wait on the network,
 * so a few contacts in flight keep both systems busy without flooding them (429s are waited out by
 * the adapters' retries).
 */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
