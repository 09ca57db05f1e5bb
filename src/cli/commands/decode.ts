// nbr decode IMAGE... : the QR text in each image, one line each, in order; an empty line where an image
// holds no code. A folder stands for its image files in name order. For integrators who scan in bulk:
// pipe the output to nbr verify --batch -. Exit 0 when every image held a code, 1 when some did not,
// 2 when a file could not be read (its line is empty too, and the reason goes to standard error).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors.js';
import { IMAGE_FILE, readQrFromImage } from '../../qr/decode-image.js';
import { parse } from '../args.js';
import type { CliContext } from '../context.js';

const usage = 'nbr decode IMAGE|FOLDER... (PNG, JPEG, BMP, GIF; one QR text a line out, empty where none)';

function expand(path: string): string[] {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return [path]; // reported when read
  }
  if (!isDir) return [path];
  return readdirSync(path)
    .filter((f) => IMAGE_FILE.test(f))
    .sort()
    .map((f) => join(path, f));
}

export async function decodeCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { positionals } = parse(argv, {}, usage);
  if (positionals.length === 0) throw new AppError('BAD_REQUEST', `no image given\nusage: ${usage}`);
  let exit = 0;
  for (const file of positionals.flatMap(expand)) {
    try {
      const text = await readQrFromImage(readFileSync(file));
      ctx.out(text ?? '');
      if (text === undefined) exit = Math.max(exit, 1);
    } catch (e) {
      const why =
        e instanceof AppError
          ? e.message
          : (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file'
            : String(e);
      ctx.out('');
      ctx.err(`nbr decode: ${file}: ${why}`);
      exit = 2;
    }
  }
  return exit;
}
