'use strict';
// Loads the native addon through the loader that `napi build` generates
// (`native/index.js`), which looks for a `.node` file beside it (a build from
// source) and then for the platform package `studio-permissions-<platform>`
// (an install from the registry). When neither loads, the generated message
// blames npm; this one names the platform, the platforms we ship binaries for,
// and how to build from source.
const { SUPPORTED_PLATFORMS, platformKey } = require('./platforms.js');

const BUILD_FROM_SOURCE =
  'with a Rust toolchain, in a checkout of the studio-permissions repository, run `cd bindings-node && npm ci && npm run build`, then `npm install <checkout>/bindings-node` in your project';

/** The error thrown when no binary loads on the platform `key`; `cause` is the generated loader's error. */
function loadError(key, cause) {
  const supported = SUPPORTED_PLATFORMS.map((p) => p.key);
  const list = supported.join(', ');
  const message = supported.includes(key)
    ? `studio-permissions could not load its native binary for ${key}: the package ` +
      `\`studio-permissions-${key}\` is missing or broken. It is an optional dependency, which ` +
      '`npm install --omit=optional` (or a lockfile made with it) leaves out: reinstall without that option. ' +
      `Prebuilt binaries exist for: ${list}. To build from source instead: ${BUILD_FROM_SOURCE}`
    : `studio-permissions has no prebuilt binary for this platform (${key}). ` +
      `Prebuilt binaries exist for: ${list}. To build from source: ${BUILD_FROM_SOURCE}`;
  const error = new Error(message);
  error.name = 'StudioPermissionsLoadError';
  error.platform = key;
  error.supportedPlatforms = supported;
  error.cause = cause;
  return error;
}

function loadNative() {
  try {
    return require('../native/index.js');
  } catch (cause) {
    throw loadError(platformKey(), cause);
  }
}

module.exports = { native: loadNative() };
