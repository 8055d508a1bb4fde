/**
 * Static files (the demo page and the built bundle) on the same origin as the WebSocket, served by sirv.
 * Dev mode: files are looked up on every request, so a rebuild of dist/ shows up without a restart.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import type { ServerConfig } from './config.js';
import { sendJson } from './http-json.js';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export function createStaticHandler(
  dirs: ServerConfig['staticDirs'],
): (req: IncomingMessage, res: ServerResponse) => void {
  // Longest prefix first, so `/dist` wins over `/`.
  const mounts = [...dirs]
    .sort((a, b) => b.urlPrefix.length - a.urlPrefix.length)
    .map(({ urlPrefix, dir }) => ({
      prefix: urlPrefix.replace(/\/+$/, ''),
      serve: sirv(dir, {
        dev: true,
        etag: true,
        setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
      }) as Handler,
    }));

  return (req, res) => {
    const url = req.url ?? '/';
    const originalUrl = url;
    const tryMount = (index: number): void => {
      const mount = mounts[index];
      if (!mount) {
        req.url = originalUrl;
        return sendJson(res, 404, { error: 'not_found', message: 'no such file' });
      }
      const path = url.split('?')[0];
      const inside = mount.prefix === '' || path === mount.prefix || path.startsWith(`${mount.prefix}/`);
      if (!inside) return tryMount(index + 1);
      req.url = url.slice(mount.prefix.length) || '/';
      mount.serve(req, res, () => tryMount(index + 1));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { error: 'method_not_allowed', message: 'static files are read-only' });
    }
    tryMount(0);
  };
}
