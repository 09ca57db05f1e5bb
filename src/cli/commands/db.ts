// Database commands (migrate, audit verify) are added with the registry service.
import type { CliContext } from '../context.js';

export const dbCommands: Record<string, (argv: string[], ctx: CliContext) => Promise<number>> = {};
