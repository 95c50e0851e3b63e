// Start-up steps of the local stack: each one timed for the person waiting, and named in the error
// when it fails, so that "could not start" says which service and why.

/** Called when a step has finished, with its duration. */
export type Progress = (step: string, ms: number) => void;

export async function step<T>(name: string, run: () => Promise<T> | T, progress: Progress | undefined): Promise<T> {
  const started = performance.now();
  let result: T;
  try {
    result = await run();
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    const named = new Error(`${name}: ${cause.message}`, { cause });
    // Kept for callers that tell a port in use (EADDRINUSE) from other failures.
    const { code } = cause as NodeJS.ErrnoException;
    throw code === undefined ? named : Object.assign(named, { code });
  }
  progress?.(name, performance.now() - started);
  return result;
}
