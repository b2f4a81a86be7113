// ESM types of `studio-permissions/express`: the same declarations as the CommonJS entry.
export * from './express.js';
