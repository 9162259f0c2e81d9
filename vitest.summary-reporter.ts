import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends every run with one plain line, `Tests: N passed, N failed, N skipped`, after the
 * default reporter and the coverage summary, so that a CI log (and a person) can read
 * the outcome from the last line whatever printed before it.
 */
export default class SummaryLineReporter implements Reporter {
  private modules: ReadonlyArray<TestModule> = [];
  private unhandled = 0;

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    this.modules = testModules;
    this.unhandled = unhandledErrors.length;
  }

  onProcessTimeout(): void {}

  // Coverage is reported after onTestRunEnd; print last, once the process is about to exit.
  onInit(): void {
    process.once('beforeExit', () => this.print());
  }

  private print(): void {
    let passed = 0;
    let failed = this.unhandled;
    let skipped = 0;
    for (const module of this.modules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
