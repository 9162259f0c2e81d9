import fc from 'fast-check';

// Property tests are reproducible in CI: a fixed seed unless MAILWIRE_FC_SEED is set, and a
// modest number of runs unless MAILWIRE_FC_RUNS raises it for a long campaign. fast-check
// prints the seed and the shrunk counterexample of any failure in the error message.
const seed = Number(process.env.MAILWIRE_FC_SEED ?? 20261125);
const numRuns = Number(process.env.MAILWIRE_FC_RUNS ?? 100);
fc.configureGlobal({ seed, numRuns });
