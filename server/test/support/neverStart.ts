// Loaded with `node --import` by serverHarness.test.ts: a start-up that never finishes, so the
// server never listens (the harness must kill it).
await new Promise(() => setInterval(() => {}, 1000))
