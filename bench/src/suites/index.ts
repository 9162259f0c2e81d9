import type { BenchSuite } from '../harness';
import { coreDotStuffingSuite, coreLinesSuite } from './core';
import { referencesSuite } from './references';

/** Every suite, in the order `pnpm bench` runs them. */
export const suites: BenchSuite[] = [referencesSuite, coreLinesSuite, coreDotStuffingSuite];
