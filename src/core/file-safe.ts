/** A file-system-safe name for a property or spec (`Agreement`, `Deadlock`): the name of its trace
 * files and of its folder. Two names that differ only in the characters it replaces share them,
 * so both the spec list and a model's properties refuse such a pair. */
export const fileSafe = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_')
