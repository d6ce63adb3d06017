/** Deep-freezes plain data (debug mode), so that a model mutating a state fails where it does. */
export function deepFreeze(v: unknown): void {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return
  // Immutable.js collections are immutable already and freezing their internals would break them.
  if ((v as Record<string, unknown>)['@@__IMMUTABLE_ITERABLE__@@'] === true) return
  Object.freeze(v)
  for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k])
}
