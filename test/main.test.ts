import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../server/app.js';
import { createDeps, startServer } from '../server/main.js';
import { createFetch } from '../server/net/fetch.js';
import { testConfig } from './support/config.js';
import { captureLogs } from './support/log-capture.js';
import { createTestCa } from './support/tls.js';

describe('startServer', () => {
  it('serves HTTPS with the configured certificate, logs the URL and closes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quorum-main-'));
    try {
      const ca = await createTestCa();
      const leaf = await ca.issue();
      await writeFile(join(dir, 'cert.pem'), leaf.certPem);
      await writeFile(join(dir, 'key.pem'), leaf.keyPem);
      await writeFile(join(dir, 'ca.pem'), ca.caPem);
      const config = testConfig({
        QUORUM_HTTP_PORT: '0',
        QUORUM_HTTPS_PORT: '0',
        QUORUM_TLS_CERT_FILE: join(dir, 'cert.pem'),
        QUORUM_TLS_KEY_FILE: join(dir, 'key.pem'),
        QUORUM_CA_FILE: join(dir, 'ca.pem'),
        QUORUM_DATA_DIR: join(dir, 'data'),
      });
      const { logger, text } = captureLogs();
      const deps = await createDeps(config, logger);
      const app = createApp(deps);
      const running = await startServer(app, config, logger);
      try {
        expect(running.urls).toHaveLength(1);
        expect(running.urls[0]).toMatch(/^https:\/\/localhost:\d+$/);
        const url = running.urls[0]!.replace('localhost', '127.0.0.1');
        const response = await createFetch({ caPem: ca.caPem })(`${url}/healthz`);
        expect(await response.json()).toEqual({ status: 'ok' });
        expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
        expect(text()).toContain(running.urls[0]);
        // The store was opened in the configured data dir, with its keyring.
        await expect(readFile(join(dir, 'data', 'keyring.json'), 'utf8')).resolves.toContain(
          '"current"',
        );
      } finally {
        await running.close(1000);
        await deps.services.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with nothing to listen on', async () => {
    const config = testConfig({ QUORUM_HTTP_PORT: '0' });
    const { logger } = captureLogs();
    await expect(startServer(() => undefined, config, logger)).rejects.toThrow(
      /Nothing to listen on/,
    );
  });
});
