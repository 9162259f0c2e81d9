import type { BenchSuite } from '../harness';
import { referencesSuite } from './references';

/** Every suite, in the order `pnpm bench` runs them. */
export const suites: BenchSuite[] = [referencesSuite];
