// A portrait is personal data: never cached, by the browser or anything on the way.

import type { Context } from 'hono';

export function photoResponse(c: Context, photo: { mime: string; data: Uint8Array }): Response {
  return c.body(new Uint8Array(photo.data), 200, {
    'Content-Type': photo.mime,
    'Cache-Control': 'private, no-store',
  });
}
