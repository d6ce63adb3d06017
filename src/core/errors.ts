/**
 * Errors that end a check with exit code 2 and a one-line message: problems in the user's input
 * or model, never in the checker. `UsageError` is about flags and files, `ModelError` about what
 * the model did (threw, produced a non-plain value, mutated a state, behaved non-deterministically).
 */
/** Marks an option's name in an error message (see `NamesOptions`): `option('memoryMiB')`. */
export const option = (name: string): string => `\u0000${name}\u0000`
const MARKED = /\u0000([^\u0000]*)\u0000/g

/** `text` with each option marked by `option` named by `name`: an error's message (`render`), or a
 * result's warnings and notes (`check` names them as the API does, the CLI by its flags). */
export const nameOptions = (text: string, name: (option: string) => string): string => text.replace(MARKED, (_, o: string) => name(o))

/**
 * An error whose message may name options (marked with `option`): its `message` names them as
 * the API does (`memoryMiB`, a `CheckOptions` key), and a front end names them its own way with
 * `render` (the CLI: its flags, `--memory`). So the engine's errors speak of options, never of
 * one front end's flags.
 */
abstract class NamesOptions extends Error {
  // A private field, not a property: errors compare (and print) by their message alone.
  readonly #template: string
  constructor(message: string) {
    super(nameOptions(message, (o) => o))
    this.#template = message
  }

  /** The message with each marked option named by `name`. */
  render(name: (option: string) => string): string {
    return nameOptions(this.#template, name)
  }
}

export class UsageError extends NamesOptions {
  override readonly name = 'UsageError'
}

export class ModelError extends NamesOptions {
  override readonly name = 'ModelError'
}

/** `next` wrote into the state it was given: the state in hand is no longer the one the search
 * reached, so no "in state …" is added to this error (`withState`). */
export class StateChangedError extends ModelError {}

/** A model error that already names the state it happened in (`withState` adds nothing more). */
export class StateNamedError extends ModelError {}

/**
 * What a model's own code threw in one step, with that step's action: the actor harness wraps what
 * its handlers throw (`receive`, a local action's `fire`), so that the error names the step, not
 * only the line ("next threw in Deliver(Ping(1) a1→b1): …"; the state is named after it). The
 * thrown value is kept whole: its message and its frame are the model's.
 */
export class StepThrew extends Error {
  constructor(
    readonly action: unknown,
    readonly thrown: unknown,
  ) {
    super(errorMessage(thrown))
    // Its frames are the thrown error's, for a caller that reports it without unwrapping it.
    if (thrown instanceof Error && thrown.stack !== undefined) this.stack = thrown.stack
  }
}

const BRAND = Symbol.for('interleave.errorClass')

/**
 * Makes `instanceof cls` true of an error made by another copy of the class, by the name `brand`
 * both copies give it. A spec in a folder whose package.json does not say "type": "module" is
 * CommonJS: the Interleave it imports (the actor harness, a packed layout, a `ModelError` the
 * model throws) is a second copy of these modules beside the checker's, and its errors failed
 * the checker's `instanceof`: a ModelError the model meant as its one line (the actor harness's
 * "symmetricNodes cannot rename a FIFO network") came out wrapped ("view/symmetry threw: …"), a
 * configuration's as a usage error. A subclass left unbranded is told apart as usual.
 */
export function brandAcrossCopies(cls: abstract new (...args: never[]) => Error, brand: string): void {
  Object.defineProperty(cls.prototype, BRAND, { value: brand })
  Object.defineProperty(cls, Symbol.hasInstance, { value: hasBrand })
}

function hasBrand(this: { readonly prototype: object }, x: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(this, x)) return true
  // (A subclass inherits this method but not always a brand: it is then told apart as usual.)
  if (typeof x !== 'object' || x === null || !Object.hasOwn(this.prototype, BRAND)) return false
  const brand = (this.prototype as Record<symbol, unknown>)[BRAND]
  for (let p: object | null = Object.getPrototypeOf(x) as object | null; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    if (Object.hasOwn(p, BRAND) && (p as Record<symbol, unknown>)[BRAND] === brand) return true
  }
  return false
}

brandAcrossCopies(UsageError, 'UsageError')
brandAcrossCopies(ModelError, 'ModelError')
brandAcrossCopies(StateChangedError, 'StateChangedError')
brandAcrossCopies(StateNamedError, 'StateNamedError')
brandAcrossCopies(StepThrew, 'StepThrew')

import { fileURLToPath } from 'node:url'

/** The checker's own source folder: its frames are never the user's. */
const CHECKER_SRC = fileURLToPath(new URL('..', import.meta.url))

/** "at rmPrepare (models/two-phase-commit.ts:57:9)": the first user frame of an error's stack. */
export function userFrame(err: unknown): string | undefined {
  const stack = err instanceof Error ? err.stack : undefined
  if (!stack) return undefined
  for (const line of stack.split('\n').slice(1)) {
    // "at fn (file:1:2)", "at Object.fn [as alias] (file:1:2)", "at async fn (file:1:2)", "at file:1:2"
    const m = /at (?:async )?(?:(\S+)(?: \[as [^\]]+\])? \()?(?:file:\/\/)?([^()]+):(\d+):\d+\)?/.exec(line.trim())
    if (!m) continue
    const file = m[2] as string
    // (evalmachine: code the checker generates and runs with `new Function`, not the user's.)
    if (file.includes('node_modules') || file.startsWith(CHECKER_SRC) || file.startsWith('node:') || file.startsWith('evalmachine.')) continue
    const rel = file.startsWith(process.cwd()) ? file.slice(process.cwd().length + 1) : file
    return `${m[1] ?? '<anonymous>'} (${rel}:${m[3]})`
  }
  return undefined
}

/** ` (at fn (file:line))`, the user's frame `userFrame` finds, or '' where there is none. */
export const atFrame = (err: unknown): string => {
  const f = userFrame(err)
  return f ? ` (at ${f})` : ''
}

export const errorMessage = (err: unknown): string =>
  err instanceof RangeError && err.message === 'Maximum call stack size exceeded'
    ? `${err.message} (the stack ran out: a recursion that does not end, or an instance too large for the model, such as a parameter in the millions)`
    : err instanceof Error
      ? err.message
      : String(err)

/** An error's message with the options it names still marked (`option`): for an error re-thrown
 * with more words, or sent to another thread or process, whose new error names them the same way. */
export const marked = (err: unknown): string =>
  err instanceof UsageError || err instanceof ModelError ? err.render(option) : errorMessage(err)

/** Writing an output (trace files, `--dot`, a checkpoint) failed: the search's result stands, the
 * file does not. Exit code 2, after the verdict is printed. */
export class OutputError extends Error {
  override readonly name = 'OutputError'
}
