/**
 * An error as the CLI reports it: a kind (for `--json`) and one line for stderr. Usage, model and
 * output errors are the user's to fix; a file-system error names its path; anything else is ours
 * ("please report").
 */
import { ModelError, OutputError, UsageError, errorMessage } from '../core/errors.ts'

export type ErrorKind = 'usage' | 'model' | 'output' | 'run' | 'internal'

export interface DescribedError {
  readonly kind: ErrorKind
  readonly message: string
}

interface SystemError {
  readonly code: string
  readonly path?: string
  readonly syscall?: string
}

function isSystemError(e: unknown): e is Error & SystemError {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
}

/** "ENOTDIR: not a directory, mkdir '/tmp/x/y'" → "not a directory (ENOTDIR)"; undefined for an
 * error that is not a system error. */
export function systemReason(e: unknown): string | undefined {
  if (!isSystemError(e)) return undefined
  return `${/^E[A-Z]+: ([^,]+)/.exec(e.message)?.[1] ?? e.code} (${e.code})`
}

/** "EEXIST: file already exists, mkdir '/tmp/x'" → "/tmp/x: file already exists (EEXIST)". */
function systemErrorMessage(e: Error & SystemError): string {
  return `${e.path ?? '?'}: ${systemReason(e) ?? e.message}`
}

/** `flag`: how the front end names an option the error names (the CLI: its flag); by default,
 * as the API does. */
export function describeError(e: unknown, flag?: (option: string) => string): DescribedError {
  // A run that could not finish for want of its workers or its NATS server (exit 3, no verdict):
  // neither the flags' fault nor the model's ("usage" said the one, and was read so).
  if (e instanceof UsageError && (e as { noVerdict?: unknown }).noVerdict === true) return { kind: 'run', message: flag ? e.render(flag) : e.message }
  if (e instanceof UsageError) return { kind: 'usage', message: flag ? e.render(flag) : e.message }
  if (e instanceof ModelError) return { kind: 'model', message: flag ? e.render(flag) : e.message }
  if (e instanceof OutputError) return { kind: 'output', message: e.message }
  if (isSystemError(e) && e.path !== undefined) return { kind: 'output', message: systemErrorMessage(e) }
  return { kind: 'internal', message: errorMessage(e).split('\n')[0] ?? '' }
}

export function errorLine(d: DescribedError): string {
  switch (d.kind) {
    case 'usage':
    case 'output':
    case 'run':
      return `error: ${d.message}`
    case 'model':
      return `model error: ${d.message}`
    case 'internal':
      return `internal error: ${d.message} (please report; rerun with INTERLEAVE_STACK=1 for details)`
  }
}
