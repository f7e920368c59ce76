// Text helpers the templates share.

/**
 * `s` without leading and trailing whitespace. AssemblyScript 0.28's String#trim stops halfway through leading
 * whitespace (its loop shrinks the size it compares the offset with), so it is not used.
 */
export function trim(s: string): string {
  return s.trimStart().trimEnd();
}

/** An ASCII punctuation character (what a backslash escapes in Markdown). */
export function isPunct(c: i32): bool {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}
