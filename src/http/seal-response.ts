// A sealed face as an HTTP answer (the console's preview of what a document will carry, issue 23): the image
// in its own format, never cached (it is a person's face).

import type { Context } from 'hono';
import type { PortraitToSeal } from '../core/payload.js';
import { PORTRAIT_FORMATS } from '../core/portrait.js';

export function sealResponse(c: Context, seal: PortraitToSeal): Response {
  return c.body(new Uint8Array(seal.image), 200, {
    'Content-Type': PORTRAIT_FORMATS[seal.format].mediaType,
    'Cache-Control': 'private, no-store',
  });
}
