// ESM entry of `studio-permissions/express`: the same module as `require`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const { accessGuard, errorHandler, UnauthenticatedError, AccessUnavailableError } = require('./express.js');
