import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDictionary } from './mutate';

export const fuzzDir = fileURLToPath(new URL('..', import.meta.url));

export interface TargetInfo {
  name: string;
  path: string;
  corpusDir: string;
  regressionsDir: string;
}

/** Every target: fuzz/targets/<name>.ts, each exporting `fuzz(data: Buffer)`. */
export function listTargets(): TargetInfo[] {
  return readdirSync(join(fuzzDir, 'targets'))
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => {
      const name = basename(f, '.ts');
      return {
        name,
        path: join(fuzzDir, 'targets', f),
        corpusDir: join(fuzzDir, 'corpus', name),
        regressionsDir: join(fuzzDir, 'regressions', name),
      };
    });
}

/** Files of a folder as byte arrays (none if it does not exist). */
export function readInputs(dir: string): { name: string; data: Uint8Array }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((f) => ({ name: f, data: new Uint8Array(readFileSync(join(dir, f))) }));
}

/** The dictionary for a target: fuzz/dict/<protocol>.dict, where protocol is the target name's first word. */
export function dictionaryFor(target: string): Uint8Array[] {
  const file = join(fuzzDir, 'dict', `${target.split('-')[0]}.dict`);
  return existsSync(file) ? parseDictionary(readFileSync(file, 'latin1')) : [];
}
