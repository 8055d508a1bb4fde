// A token endpoint for <metered-room token-url="/metered-token">: signs a short-lived HS256 JWT with your secret
// key, on your server, for the user your own login identified. The secret never reaches the page.
//   METERED_SECRET_KEY_ID=sk_id_… METERED_SECRET=sk_secret_… node token-endpoint.mjs
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

const keyId = process.env.METERED_SECRET_KEY_ID;
const secret = new TextEncoder().encode(process.env.METERED_SECRET);
if (!keyId || !secret.length) throw new Error('set METERED_SECRET_KEY_ID and METERED_SECRET');

createServer(async (req, res) => {
  if (req.method !== 'GET' || req.url !== '/metered-token') return res.writeHead(404).end();
  // Replace with your session lookup; answer 401 when nobody is signed in.
  const user = { id: `user-${randomUUID()}`, name: 'Ada' };
  const token = await new SignJWT({ channels: ['room-*'], peerMetadata: { displayName: user.name } })
    .setProtectedHeader({ alg: 'HS256', kid: keyId })
    .setSubject(user.id)
    .setExpirationTime('10m') // the room fetches a fresh token on every reconnect
    .sign(secret);
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ token }));
}).listen(Number(process.env.PORT ?? 3000), () => console.log('token endpoint on /metered-token'));
