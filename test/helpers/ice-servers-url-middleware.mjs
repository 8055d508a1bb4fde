// A test `ice-servers-url` served by the test runner: `/test-ice-servers?key=K&body=…&status=200&delayMs=0`
// answers `body` (the test writes the JSON, or something that is not JSON) with `status` after `delayMs`, and
// counts the fetches per `key`; `/test-ice-servers-count?key=K` answers that count (so a test can see a refetch).
const fetches = new Map();

export async function iceServersUrlMiddleware(context, next) {
  if (context.path === '/test-ice-servers-count') {
    context.type = 'application/json';
    context.body = JSON.stringify({ fetches: fetches.get(String(context.query.key ?? '')) ?? 0 });
    return;
  }
  if (context.path !== '/test-ice-servers') return next();
  const { key = '', body = '[]', status = '200', delayMs = '0' } = context.query;
  fetches.set(String(key), (fetches.get(String(key)) ?? 0) + 1);
  await new Promise((resolve) => setTimeout(resolve, Number(delayMs)));
  context.set('cache-control', 'no-store');
  context.status = Number(status);
  context.type = 'application/json';
  context.body = String(body);
}
