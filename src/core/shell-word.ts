/** `w` as one word of a POSIX shell command line: as it is when it needs no quoting, else in
 * single quotes, so a printed line pastes back as it ran (`--out "my runs"`). */
export function shellWord(w: string): string {
  return /^[\w./=:,@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`
}
