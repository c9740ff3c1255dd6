/** A corpus problem a maintainer can fix: says where (file:line) and what is wrong. */
export class CorpusError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
  }
}
