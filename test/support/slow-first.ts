import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// Files that start processes, servers or a browser: minutes of the run between them.
const SLOW = /\.e2e\.test\.ts$|\.browser\.test\.ts$|\/bench\/report\.test\.ts$/;

/**
 * Vitest orders files by their last duration, or by size when it has none (a clean clone): there the
 * bench smoke test, small but the longest, would start last and run alone at the end. Slow kinds go first.
 */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const known = (f: TestSpecification) => this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`) !== undefined;
    if (sorted.every(known)) return sorted;
    return [...sorted.filter((f) => SLOW.test(f.moduleId)), ...sorted.filter((f) => !SLOW.test(f.moduleId))];
  }
}
