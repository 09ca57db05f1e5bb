// A CLI context for tests whose `nbr` talks to an in-process registry: HTTP goes to app.request, output is kept.
import type { CliContext } from '../../src/cli/context.js';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { KEY_PASSPHRASE, type TestRegistry } from './registry.js';

export function inProcessCli(r: TestRegistry): { ctx: CliContext; out: string[]; err: string[] } {
  const plain = cliContext();
  plain.ctx.clock = () => r.clock.t;
  // The registry's data key file, for commands that open people's data (nbr log monitor --database).
  plain.ctx.env = {
    ...plain.ctx.env,
    NBR_KEY_PASSPHRASE: KEY_PASSPHRASE,
    NBR_DATA_KEY_FILE: r.deps.config.dataKeyFile,
  };
  plain.ctx.fetch = (async (url: string) => r.app.request(url)) as unknown as typeof fetch;
  return plain;
}

/** A CLI context with no registry behind it: output kept, a fixed clock, empty standard input. */
export function cliContext(): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    env: {},
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    clock: () => Date.parse('2026-12-01T10:00:00Z'),
    documentTypes: new DocumentTypeRegistry(),
    readStdin: async () => '',
  };
  return { ctx, out, err };
}
