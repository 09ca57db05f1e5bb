// Development mode witnesses its own log (issue 22): a fresh `npm start` without configuration lists its own
// witness in the development trust list with a quorum of 1, runs it in the process, and publishes cosigned
// checkpoints; a restart on the same folders keeps the same witness and its state.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startService } from '../helpers/service-process.js';

async function cosignedCheckpoint(url: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${url}/log/checkpoint`);
    const text = res.ok ? await res.text() : '';
    if (text.includes('— dev-witness.localhost/w1 ')) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no cosigned checkpoint');
}

describe('development mode', () => {
  it('runs its own witness with a quorum of 1 and publishes cosigned checkpoints, across a restart', async () => {
    const data = mkdtempSync(join(tmpdir(), 'nbr-dev-'));
    const env = {
      NBR_KEY_PASSPHRASE: '',
      NBR_DATA_DIR: data,
      NBR_KEYS_DIR: join(data, 'dev-keys'),
      NBR_ALLOW_UNWITNESSED_LOG: '',
    };
    for (const round of [1, 2]) {
      const s = await startService(`sqlite:${join(data, 'registry.db')}`, env);
      try {
        expect(await cosignedCheckpoint(s.url)).toMatch(/^registry\.new-belarus\.example\/log\n\d+\n/);
        expect(s.log()).toMatch(/DEVELOPMENT witness dev-witness\.localhost\/w1 cosigning in this process/);
        expect(s.log()).toMatch(/1 witnesses, quorum 1/);
        if (round === 2) expect(s.log()).not.toMatch(/created development keys/);
        // Every two-person step can be walked through with the development accounts (issue 24, item 11).
        if (round === 1)
          expect(
            readFileSync(join(data, 'DEV-CREDENTIALS.txt'), 'utf8')
              .split('\n')
              .filter((l) => !l.startsWith('#') && l)
              .map((l) => l.split('\t').slice(0, 2).join(' ')),
          ).toEqual([
            'admin cabinet_admin',
            'admin2 cabinet_admin',
            'office-admin office_admin',
            'clerk clerk',
            'clerk2 clerk',
            'approver approver',
            'approver2 approver',
          ]);
      } finally {
        s.proc.kill('SIGTERM');
        await s.exited;
      }
    }
  }, 120_000);
});
