import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.base';

export default defineConfig([
  libraryConfig({ entry: ['src/index.ts'] }),
  // The executable: ESM only, with its shebang, no types.
  libraryConfig({
    entry: ['src/bin.ts'],
    extra: { format: ['esm'], dts: false, clean: false, banner: { js: '#!/usr/bin/env node' } },
  }),
]);
