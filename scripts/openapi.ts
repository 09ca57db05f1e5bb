// Writes docs/openapi.json from src/http/openapi.ts (the same document the service serves at /openapi.json).
// Usage: npx tsx scripts/openapi.ts
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../src/http/openapi.js';

writeFileSync('docs/openapi.json', `${JSON.stringify(openApiDocument('http://127.0.0.1:8080'), null, 2)}\n`);
