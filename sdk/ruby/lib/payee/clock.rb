# frozen_string_literal: true

module Payee
  # Time for retries and waiters (monotonic seconds); tests inject their own.
  class SystemClock
    def now
      Process.clock_gettime(Process::CLOCK_MONOTONIC)
    end

    def sleep(seconds)
      Kernel.sleep(seconds) if seconds.positive?
    end
  end
end
