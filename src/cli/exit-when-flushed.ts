/**
 * A command done whose process may be held up by what it leaves behind (a socket of a failed
 * connection, a run's timers): it ends a moment after stdout and stderr have written what they
 * hold. On Linux a pipe's writes are asynchronous, and a pipe read slowly held --json's document:
 * exiting at once cut it. Unref'd, so a process that ends by itself is not delayed.
 */
export function exitWhenFlushed(code: number, afterMs = 1000): void {
  let left = 2
  const flushed = (): void => {
    if (--left === 0) setTimeout(() => process.exit(code), afterMs).unref()
  }
  process.stdout.write('', flushed)
  process.stderr.write('', flushed)
}
