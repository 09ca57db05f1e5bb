import type { DocumentTypeRegistry } from '../core/document-types.js';

/** What a command may touch; tests pass their own streams, clock and environment. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  clock: () => number;
  documentTypes: DocumentTypeRegistry;
  /**
   * Rewrites the one progress line of long work, when standard error is a terminal (cli/progress.ts); absent
   * otherwise, and then long work says one summary line at its end.
   */
  status?: (text: string) => void;
  /** Where a stdin-like input comes from, for `verify -`. */
  readStdin: () => Promise<string>;
  /** HTTP for nbr log sync (tests route it to an in-process app); the global fetch by default. */
  fetch?: typeof fetch;
}
