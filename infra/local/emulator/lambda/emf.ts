// CloudWatch's side of the embedded metric format: a function's log line that is an EMF object
// (`_aws.CloudWatchMetrics`, what Powertools Metrics prints) becomes metric data points. Locally
// they are kept in memory, so that tests see an alarm's metric rise as CloudWatch would count it.

/** One metric's data points of one minute, aggregated as CloudWatch keeps them (so memory grows with minutes, not with invocations). */
interface MinuteStatistics {
  namespace: string;
  name: string;
  /** Sorted [name, value] pairs, as a key. */
  dimensions: string;
  /** Epoch ms of the minute's start. */
  minute: number;
  sum: number;
  sampleCount: number;
}

interface EmfDirective {
  Namespace: string;
  Dimensions?: string[][];
  Metrics: { Name: string }[];
}

const dimensionKey = (dimensions: Record<string, string>) => JSON.stringify(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));

export class EmfMetrics {
  private readonly minutes = new Map<string, MinuteStatistics>();

  /** How many metric-minutes are kept. */
  get size(): number {
    return this.minutes.size;
  }

  /** Takes one log line; a line that is not an EMF object is no metric (CloudWatch ignores it too). */
  ingest(line: string): void {
    if (!line.startsWith('{') || !line.includes('"_aws"')) return;
    let log: Record<string, unknown> & { _aws?: { Timestamp?: number; CloudWatchMetrics?: EmfDirective[] } };
    try {
      log = JSON.parse(line);
    } catch {
      return;
    }
    const directives = log._aws?.CloudWatchMetrics;
    if (!Array.isArray(directives)) return;
    const timestamp = Number(log._aws!.Timestamp ?? Date.now());
    for (const { Namespace, Dimensions, Metrics } of directives) {
      // Each dimension set is its own metric; none is one metric without dimensions.
      const sets = Dimensions?.length ? Dimensions : [[]];
      for (const { Name } of Metrics) {
        const raw = log[Name];
        const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is number => typeof v === 'number');
        for (const set of sets) {
          const dimensions = dimensionKey(Object.fromEntries(set.map((d) => [d, String(log[d])])));
          const minute = Math.floor(timestamp / 60_000) * 60_000;
          const key = `${Namespace}\n${Name}\n${dimensions}\n${minute}`;
          const stats = this.minutes.get(key) ?? { namespace: Namespace, name: Name, dimensions, minute, sum: 0, sampleCount: 0 };
          for (const value of values) {
            stats.sum += value;
            stats.sampleCount++;
          }
          this.minutes.set(key, stats);
        }
      }
    }
  }

  /** The Sum and SampleCount of a metric (namespace, name and exactly these dimensions) from the minute of `since` (epoch ms) on, as GetMetricStatistics would give them. */
  statistics(namespace: string, name: string, dimensions: Record<string, string>, since = 0): { sum: number; sampleCount: number } {
    const wanted = dimensionKey(dimensions);
    const from = Math.floor(since / 60_000) * 60_000;
    let sum = 0;
    let sampleCount = 0;
    for (const m of this.minutes.values()) {
      if (m.namespace !== namespace || m.name !== name || m.dimensions !== wanted || m.minute < from) continue;
      sum += m.sum;
      sampleCount += m.sampleCount;
    }
    return { sum, sampleCount };
  }
}
