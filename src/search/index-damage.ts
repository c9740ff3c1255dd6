/** An index file that is missing, cut short or inconsistent with the manifest: rebuilt from the corpus, never served. */
export class IndexDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
