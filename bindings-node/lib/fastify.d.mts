// ESM types of `studio-permissions/fastify`: the same declarations as the CommonJS entry.
export * from './fastify.js';
