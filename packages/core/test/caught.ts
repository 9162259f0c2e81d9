import { ParseError } from '../src/index';

/** Runs `fn` and returns the ParseError it throws; fails the test if it throws none. */
export function caught(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}
