/**
 * A test hook: PVE_APIDOC_TEST_CRASH_AT=kill:STEP kills the process (SIGKILL, nothing runs after)
 * at that step, fail:STEP throws there, sigint:STEP / sigterm:STEP send the process that signal
 * (as Ctrl-C would). It lets the test suite prove that a build dying at any step leaves a
 * complete output; it has no effect unless the variable is set. The steps are the write stage's
 * (atomic.ts STEPS) and the spool's first spooled file ('spooled', spool.ts).
 */
export function crashPoint(step: string): void {
  const hook = process.env.PVE_APIDOC_TEST_CRASH_AT;
  if (hook === undefined) return;
  if (hook === `kill:${step}`) process.kill(process.pid, 'SIGKILL');
  if (hook === `sigint:${step}`) process.kill(process.pid, 'SIGINT');
  if (hook === `sigterm:${step}`) process.kill(process.pid, 'SIGTERM');
  if (hook === `fail:${step}`) throw new Error(`injected failure at ${step}`);
}
