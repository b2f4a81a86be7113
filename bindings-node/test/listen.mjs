// A test helper, not a test: serves an Express app on 127.0.0.1 at a free
// port, for the tests that talk to real servers.

/** Listens on 127.0.0.1:0; resolves to the base URL and a close function. */
export async function listenExpress(app) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}
