using System;
using System.Threading;
using System.Threading.Tasks;

namespace Payee
{
    /// <summary>The clock, the pauses and the jitter of retries and waiters: tests inject their own.</summary>
    internal interface ITime
    {
        DateTimeOffset UtcNow { get; }
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
        /// <summary>A number in [0, 1).</summary>
        double NextDouble();
    }

    internal sealed class SystemTime : ITime
    {
        public static readonly SystemTime Instance = new SystemTime();
        private readonly Random random = new Random();

        public DateTimeOffset UtcNow
        {
            get { return DateTimeOffset.UtcNow; }
        }

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            return Task.Delay(delay, cancellationToken);
        }

        public double NextDouble()
        {
            lock (random) return random.NextDouble();
        }
    }
}
