// jsqr ships a CommonJS bundle whose default export lands one level down under some ESM interops (Node);
// bundlers give the function directly. One normalised import for the CLI and the browser page.
import jsQRModule from 'jsqr';

type JsQr = typeof import('jsqr').default;
export const jsQR: JsQr = ((jsQRModule as unknown as { default?: JsQr }).default ?? jsQRModule) as JsQr;
