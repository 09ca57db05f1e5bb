// The page picks its trust material with the verification SDK's own function (packages/verify), so the
// page, the SDK and integrators' verifiers choose among network, stored and embedded lists the same way.
export {
  pickTrustMaterial,
  type TrustMaterial,
  type TrustSources,
} from '../../../packages/verify/src/material.js';
