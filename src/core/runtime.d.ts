// The only host APIs the core may use: those that every runtime we target (Node.js 20, browsers, workers)
// provides as globals. Declared here by hand because tsconfig.core.json deliberately loads neither the DOM
// library nor @types/node, so that anything else fails to compile (WHATWG Encoding Standard section 8).

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
