// ESM types: the same declarations as the CommonJS entry.
import * as pkg from './index.js';
export * from './index.js';
export default pkg;
