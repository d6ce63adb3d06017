/**
 * `new Function(...params, body)`, compiled once per distinct source in this thread.
 *
 * Why: the checker generates code per schema (hashers, comparators, record builders, the thread
 * codec, the actor harness's step loops, packed field handles), as a factory called with the
 * run's constants: `generatedFunction(['ENV'], src)(env)`. A fresh `new Function` each time is a
 * fresh closure with fresh type feedback, so every `check()` of the same spec in one process (a
 * test file's oracle, DFS and partial-order runs; a worker thread's next spec) compiled the same
 * functions again, and deoptimised the engine code that had inlined the previous ones. The same
 * factory keeps its feedback, and the closures it returns share their optimised code.
 *
 * The cache is keyed by the exact parameter list and source, so a different schema is a different
 * entry; it holds at most `LIMIT` factories (oldest first out), far above what one process's specs
 * generate. A factory holds no state of its own: everything a run needs is passed to it.
 */
const LIMIT = 4096

const factories = new Map<string, Function>()

export function generatedFunction(params: readonly string[], body: string): Function {
  const key = `${params.join(',')}\n${body}`
  let f = factories.get(key)
  if (f === undefined) {
    f = new Function(...params, body)
    if (factories.size >= LIMIT) factories.delete(factories.keys().next().value as string)
    factories.set(key, f)
  }
  return f
}
