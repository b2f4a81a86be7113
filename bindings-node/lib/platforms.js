'use strict';
// The platforms we ship prebuilt binaries for, and how to name this one.
// One npm package per entry (`studio-permissions-<key>`, folder `npm/<key>/`);
// the release workflow builds exactly these.

const SUPPORTED_PLATFORMS = Object.freeze([
  Object.freeze({ key: 'linux-x64-gnu', label: 'Linux x64, glibc 2.17 or later' }),
  Object.freeze({ key: 'linux-x64-musl', label: 'Linux x64, musl (Alpine)' }),
  Object.freeze({ key: 'linux-arm64-gnu', label: 'Linux arm64, glibc 2.17 or later' }),
  Object.freeze({ key: 'linux-arm64-musl', label: 'Linux arm64, musl (Alpine)' }),
  Object.freeze({ key: 'darwin-x64', label: 'macOS x64' }),
  Object.freeze({ key: 'darwin-arm64', label: 'macOS arm64 (Apple silicon)' }),
  Object.freeze({ key: 'win32-x64-msvc', label: 'Windows x64' }),
]);

/** True on a Linux whose C library is glibc (Node reports glibc's version, never musl's). */
function isGlibc() {
  try {
    const report = process.report?.getReport();
    return Boolean(report?.header?.glibcVersionRuntime);
  } catch {
    return false;
  }
}

/** The platform as the packages name it: `linux-x64-gnu`, `linux-arm64-musl`, `darwin-arm64`, `win32-x64-msvc`. */
function platformKey(platform = process.platform, arch = process.arch, glibc = platform === 'linux' && isGlibc()) {
  if (platform === 'linux') return `${platform}-${arch}-${glibc ? 'gnu' : 'musl'}`;
  if (platform === 'win32') return `${platform}-${arch}-msvc`;
  return `${platform}-${arch}`;
}

module.exports = { SUPPORTED_PLATFORMS, platformKey };
