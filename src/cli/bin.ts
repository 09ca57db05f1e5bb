// Entry point of the nbr binary (bin/nbr.mjs loads it through tsx).
import { defaultContext, runCli } from './main.js';
import { dbCommands } from './commands/db.js';

const ctx = defaultContext();
runCli(process.argv.slice(2), ctx, dbCommands)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    process.stderr.write(`nbr: internal error: ${(e as Error).message}\n`);
    process.exitCode = 70;
  });
