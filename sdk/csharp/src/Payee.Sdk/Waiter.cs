using System;
using System.Threading;
using System.Threading.Tasks;

namespace Payee
{
    /// <summary>Polls something until it reaches a wanted state, a hopeless one, or the deadline.</summary>
    internal sealed class Waiter
    {
        private readonly ITime time;

        internal Waiter(ITime time)
        {
            this.time = time;
        }

        internal DateTimeOffset Start()
        {
            return time.UtcNow;
        }

        /// <summary>
        /// From <paramref name="first"/>, polls until <paramref name="done"/>; throws WaitFailedException
        /// when <paramref name="hopeless"/>, WaitTimeoutException once <c>MaxWait</c> from <paramref name="start"/> ran out.
        /// </summary>
        internal async Task<T> AwaitAsync<T>(DateTimeOffset start, WaitOptions options, T first, Func<Task<T>> poll,
            Func<T, bool> done, Func<T, bool> hopeless, Func<T, string> status, CancellationToken cancellationToken)
        {
            options = options ?? new WaitOptions();
            var deadline = start + options.MaxWait;
            var current = first;
            for (var attempt = 0; ; attempt++)
            {
                if (done(current)) return current;
                if (hopeless(current))
                {
                    throw new WaitFailedException("status " + status(current) + " cannot reach the wanted status", current);
                }
                var remaining = deadline - time.UtcNow;
                if (remaining <= TimeSpan.Zero) throw new WaitTimeoutException(options.MaxWait, status(current), current);
                var delay = Delay(attempt, options);
                await time.Delay(delay < remaining ? delay : remaining, cancellationToken).ConfigureAwait(false);
                current = await poll().ConfigureAwait(false);
            }
        }

        /// <summary>The attempt-th pause: a random point between MinDelay and min(MaxDelay, MinDelay × 2^attempt).</summary>
        internal TimeSpan Delay(int attempt, WaitOptions options)
        {
            var min = options.MinDelay.TotalMilliseconds;
            var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, min * Math.Pow(2, Math.Min(attempt, 20)));
            return TimeSpan.FromMilliseconds(Math.Floor(min + (ceiling - min) * time.NextDouble()));
        }
    }
}
