import type { Options } from 'tsup';

export interface LibraryOptions {
  entry: string[];
  /**
   * Bundle the workspace's own `@mailwire/*` packages into the output instead of
   * importing them at run time. The codecs (smtp, pop3, imap) use this so that they
   * ship with zero runtime dependencies while sharing `@mailwire/core` in source.
   */
  bundleWorkspace?: boolean;
  /** Extra options merged last. */
  extra?: Options;
}

/** The one tsup configuration every publishable package builds with: ESM + CJS + .d.ts. */
export function libraryConfig({ entry, bundleWorkspace = false, extra = {} }: LibraryOptions): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    target: 'node20',
    platform: 'node',
    dts: bundleWorkspace ? { resolve: [/^@mailwire\//] } : true,
    tsconfig: 'tsconfig.build.json',
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: false,
    ...(bundleWorkspace ? { noExternal: [/^@mailwire\//] } : {}),
    ...extra,
  };
}
