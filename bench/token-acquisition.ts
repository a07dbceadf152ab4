// Token acquisition through Quorum's identity layer (msal-node) against the emulated Entra ID:
// cold (skipCache: every call reaches the token endpoint) and warm (served from msal's cache).
import { createEmulator } from '../emulator/emulator.js';
import { round, type Benchmark, type BenchResult } from './results.js';
import { appIdentity, appTargetOf } from './support/app.js';

const COLD_CALLS = 300;
const WARM_CALLS = 20_000;
const CONCURRENCY = 8;

async function timed(calls: number, op: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < calls) {
        next += 1;
        await op();
      }
    }),
  );
  return performance.now() - started;
}

export const tokenAcquisitionBenchmark: Benchmark = {
  name: 'token-acquisition',
  async run(): Promise<BenchResult[]> {
    const emulator = await createEmulator();
    try {
      const contoso = emulator.world.findTenant('contoso.com');
      const app = emulator.world.findApp(emulator.quorumApp.clientId);
      if (!contoso || !app) throw new Error('the Contoso scenario or Quorum app is missing');
      emulator.world.grantAdminConsent(contoso, app);
      const { identity, credential } = appIdentity(appTargetOf(emulator));
      await identity.getGraphToken(credential, contoso.id); // metadata discovery, first token
      const coldMs = await timed(COLD_CALLS, () =>
        identity.getGraphToken(credential, contoso.id, { skipCache: true }),
      );
      const warmMs = await timed(WARM_CALLS, () => identity.getGraphToken(credential, contoso.id));
      const cold = (COLD_CALLS / coldMs) * 1000;
      const warm = (WARM_CALLS / warmMs) * 1000;
      return [
        {
          name: 'token acquisition, cold cache (skipCache, emulator token endpoint)',
          value: round(cold, 1),
          unit: 'tokens/s',
          target: 'informational (network-bound)',
        },
        {
          name: 'token acquisition, warm cache (msal per-tenant cache)',
          value: round(warm, 1),
          unit: 'tokens/s',
          target: 'informational',
        },
        {
          name: 'token acquisition, warm/cold ratio',
          value: round(warm / cold, 1),
          unit: '×',
          target: '≫ 1 (the cache spares the token endpoint)',
          pass: warm / cold > 5,
        },
      ];
    } finally {
      await emulator.close();
    }
  },
};
