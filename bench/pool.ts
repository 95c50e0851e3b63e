/** Runs `total` tasks with at most `concurrency` at once; returns their results in order. */
export async function pool<R>(total: number, concurrency: number, task: (i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(total);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}
