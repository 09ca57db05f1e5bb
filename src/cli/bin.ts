// Entry point of the nbr binary (bin/nbr.mjs loads it through tsx).
import { defaultContext, runCli } from './main.js';
import { dbCommands } from './commands/db.js';

// A reader that stops early (`nbr verify ... | head`) closes the pipe: that is the reader's choice, not an
// error of ours; stop quietly as other command-line tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const ctx = defaultContext();
runCli(process.argv.slice(2), ctx, dbCommands)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    process.stderr.write(`nbr: internal error: ${(e as Error).message}\n`);
    process.exitCode = 70;
  });
