// ESM entry of `studio-permissions/fastify`: the same module as `require`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const { accessGuard, errorHandler, UnauthenticatedError, AccessUnavailableError } = require('./fastify.js');
