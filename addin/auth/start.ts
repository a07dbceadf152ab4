// `/auth/start#<url>`: the first page of a Teams popup (`authentication.authenticate` must open a
// page on Quorum's own domain), which then goes on to Microsoft's consent or sign-in page.
import { loadAppConfig } from '../host/app-config.js';
import { allowedStartTarget } from './start-target.js';

const status = document.getElementById('status');

async function start(): Promise<void> {
  const config = await loadAppConfig();
  const target = decodeURIComponent(window.location.hash.slice(1));
  const url = allowedStartTarget(target, [
    new URL(config.authority).origin,
    window.location.origin,
  ]);
  if (!url) throw new Error('This sign-in link does not lead to Microsoft or Quorum.');
  window.location.replace(url.toString());
}

start().catch((error: unknown) => {
  if (status) status.textContent = error instanceof Error ? error.message : String(error);
});
