import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openApp, allRoutes } from '../../src/platform/app.ts';
import { buildServer } from '../../src/platform/http/server.ts';
import { requestLogger } from '../../src/platform/serve.ts';

describe('request logs', () => {
  it('never carry query strings, bodies, cookies or tokens', async () => {
    const db = await openApp({ memory: true });
    let out = '';
    const stream = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const app = await buildServer({ db, routes: allRoutes(), version: 't', logger: { ...requestLogger('info'), stream } });
    await app.inject({ url: '/api/v1/health?q=Jean-Pierre%20Witness' });
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'someone', password: 'hunter2-secret' }, headers: { authorization: 'Bearer pdk_secret', cookie: 'pocdesk_session=abc' } });
    await app.close();
    await db.close();
    expect(out).toContain('/api/v1/health');
    for (const secret of ['Witness', 'hunter2', 'pdk_secret', 'pocdesk_session=abc']) expect(out).not.toContain(secret);
  });
});
