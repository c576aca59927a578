/**
 * Graceful shutdown for a process's entry point: on SIGTERM or SIGINT, run `close` (stop taking
 * work, finish what is running, release connections) and exit 0; exit 1 if closing fails or takes
 * longer than `timeoutMs` (kept under the 30 s grace period container runtimes give).
 */
export function closeOnSignals(close: () => Promise<unknown>, options: { timeoutMs?: number; log?: (m: string) => void } = {}): void {
  const timeoutMs = options.timeoutMs ?? 25_000;
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => {
      log(`${signal}: still closing after ${timeoutMs} ms, exiting`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`${signal}: error while closing: ${(err as Error)?.stack ?? String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
