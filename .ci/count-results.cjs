// usage: node .ci/count-results.cjs VITEST_JSON EXIT_STATUS → prints "N passed, N failed" from vitest's JSON report.
// A test file that fails without a failed test (it threw at import, or in a hook) counts as one
// failure: its tests never ran. A failing run with nothing counted (no report, a build error,
// an unhandled error) counts as one failure too, so the line never says "0 failed" for a red run.
const { readFileSync } = require("node:fs");

const [file, status] = process.argv.slice(2);
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(file, "utf8"));
  const brokenFiles = report.testResults.filter(
    (f) => f.status === "failed" && !f.assertionResults.some((t) => t.status === "failed"),
  );
  passed = report.numPassedTests;
  failed = report.numFailedTests + brokenFiles.length;
  for (const f of brokenFiles) console.error(`failed without running its tests: ${f.name}`);
} catch (err) {
  console.error(`no readable test report (${file}): ${err.message}`);
}
if (Number(status) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
