// CloudWatch's side of the embedded metric format: a function's log line that is an EMF object
// (`_aws.CloudWatchMetrics`, what Powertools Metrics prints) becomes metric data points. Locally
// they are kept in memory, so that tests see an alarm's metric rise as CloudWatch would count it.

export interface DataPoint {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  value: number;
  /** Epoch ms, as the EMF Timestamp says. */
  timestamp: number;
}

interface EmfDirective {
  Namespace: string;
  Dimensions?: string[][];
  Metrics: { Name: string }[];
}

export class EmfMetrics {
  readonly points: DataPoint[] = [];

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
          const dimensions = Object.fromEntries(set.map((d) => [d, String(log[d])]));
          for (const value of values) this.points.push({ namespace: Namespace, name: Name, dimensions, value, timestamp });
        }
      }
    }
  }

  /** The Sum and SampleCount of a metric (namespace, name and exactly these dimensions), as GetMetricStatistics would give them. */
  statistics(namespace: string, name: string, dimensions: Record<string, string>, since = 0): { sum: number; sampleCount: number } {
    const wanted = JSON.stringify(Object.entries(dimensions).sort());
    const matching = this.points.filter(
      (p) => p.namespace === namespace && p.name === name && p.timestamp >= since && JSON.stringify(Object.entries(p.dimensions).sort()) === wanted,
    );
    return { sum: matching.reduce((s, p) => s + p.value, 0), sampleCount: matching.length };
  }
}
