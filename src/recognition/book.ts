// The statements the registry holds (docs/recognition.md §8), in memory: read from the recognition folder at
// start and again with the trust material (every minute, on SIGHUP). The verification endpoint answers
// `country` and `purpose` from it; /recognition/ republishes the files byte for byte.

import type { DocumentTypeRegistry } from '../core/document-types.js';
import { loadRecognitionDir, type StateRecognition } from './files.js';

export interface RecognitionBook {
  /** Every state with a provisioning file, by ISO 3166 code. */
  states(): ReadonlyMap<string, StateRecognition>;
  /** Reads the folder again; says which states changed (a new sequence or provisioning). */
  reload(): Promise<string[]>;
}

export function recognitionBook(dir: string, types: DocumentTypeRegistry): RecognitionBook {
  let current: ReadonlyMap<string, StateRecognition> = new Map();
  return {
    states: () => current,
    async reload() {
      const next = await loadRecognitionDir(dir, types);
      const changed = [...next.keys()].filter((cc) => {
        const before = current.get(cc);
        return (
          !before ||
          before.provisionText !== next.get(cc)!.provisionText ||
          before.statement?.source !== next.get(cc)!.statement?.source
        );
      });
      for (const [cc, entry] of next) {
        // Never step back: a statement older than the one already served is kept out (a restored folder).
        const before = current.get(cc)?.statement;
        if (before && entry.statement && entry.statement.sequence < before.sequence) {
          entry.problem = `${cc}.jws: sequence ${entry.statement.sequence} is older than ${before.sequence}, kept ${before.sequence}`;
          entry.statement = before;
        }
      }
      current = next;
      return changed;
    },
  };
}
