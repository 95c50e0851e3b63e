/** payee's own metrics (Powertools EMF, namespace Payee) as the local emulator counts them from the functions' logs. */
import { target } from './target.ts';

export async function metricSum(name: string, dimensions: Record<string, string> = { service: 'payee' }): Promise<number> {
  const query = new URLSearchParams({ namespace: 'Payee', name, dimensions: JSON.stringify(dimensions) });
  const res = await fetch(`${target().chaosUrl}/metrics?${query}`);
  if (!res.ok) throw new Error(`metrics ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { sum: number }).sum;
}
