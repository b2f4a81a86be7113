// What a browser build gets for `studio-permissions`: the package runs the
// core as native code, which no browser loads. The browser's half of the
// package is `studio-permissions/client`, which reads the view that the
// server's core made (`access.view()`), so the browser evaluates no rule.
throw new Error(
  'studio-permissions runs the core as native code and cannot load in a browser: ' +
    'import `studio-permissions/client` there, and give `AccessView.from` the view from `access.view()` on the server',
);
