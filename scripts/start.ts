// `npm start`: Quorum on the emulated Microsoft 365 tenant. Starts the emulator, gives Quorum a TLS
// certificate from the emulator's CA, then runs the server as its own process configured exactly
// as it would be for Microsoft's cloud — only the URLs, the app credential and the trusted CA differ.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeEmulator, startStandaloneEmulator } from '../emulator/main.js';
import { issueServerCertificate } from '../emulator/tls/ca.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(process.env.QUORUM_DATA_DIR ?? path.join(root, 'data'));
const httpsPort = Number(process.env.QUORUM_HTTPS_PORT ?? 3443);
const httpPort = Number(process.env.QUORUM_HTTP_PORT ?? 3000);
const publicUrl = process.env.QUORUM_PUBLIC_URL ?? `https://localhost:${httpsPort}`;

const emulator = await startStandaloneEmulator(publicUrl);
const tlsDir = path.join(dataDir, 'tls');
await mkdir(tlsDir, { recursive: true });
const cert = await issueServerCertificate(emulator.ca, ['localhost', '127.0.0.1', '::1']);
const certFile = path.join(tlsDir, 'quorum-cert.pem');
const keyFile = path.join(tlsDir, 'quorum-key.pem');
const caFile = path.join(tlsDir, 'emulator-ca.pem');
await writeFile(certFile, cert.certPem);
await writeFile(keyFile, cert.keyPem, { mode: 0o600 });
await writeFile(caFile, emulator.ca.certPem);

const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  QUORUM_PUBLIC_URL: publicUrl,
  QUORUM_HTTP_PORT: String(httpPort),
  QUORUM_HTTPS_PORT: String(httpsPort),
  QUORUM_TLS_CERT_FILE: certFile,
  QUORUM_TLS_KEY_FILE: keyFile,
  QUORUM_CA_FILE: caFile,
  QUORUM_AUTHORITY_HOST: emulator.loginUrl,
  QUORUM_GRAPH_BASE_URL: emulator.graphUrl,
  QUORUM_CLIENT_ID: emulator.quorumApp.clientId,
  QUORUM_CLIENT_SECRET: emulator.quorumApp.clientSecret,
  QUORUM_DATA_DIR: dataDir,
  QUORUM_ALLOW_PRIVATE_WEBHOOKS: 'true',
};

const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const server = spawn(tsx, [path.join(root, 'server', 'main.ts')], {
  env: serverEnv,
  stdio: ['ignore', 'inherit', 'inherit'],
});

const contoso = [...emulator.world.tenants.values()].find((t) => t.defaultDomain === 'contoso.com');
const consentPage = contoso
  ? `${emulator.loginUrl}/${contoso.id}/v2.0/adminconsent?client_id=${emulator.quorumApp.clientId}` +
    `&scope=${encodeURIComponent('https://graph.microsoft.com/.default')}` +
    `&redirect_uri=${encodeURIComponent(`${publicUrl}/consent/callback`)}&state=demo`
  : undefined;

console.log(
  [
    '',
    'Quorum is starting on an emulated Microsoft 365 tenant.',
    `  Quorum (HTTPS):     ${publicUrl}      health: ${publicUrl}/healthz`,
    `  Quorum (HTTP):      http://localhost:${httpPort}`,
    `  API description:    ${publicUrl}/api/openapi.json`,
    `  Teams tab:          ${publicUrl}/tab      (outside Teams: sign in in the browser)`,
    `  Outlook demo:       ${publicUrl}/demo     (the add-in beside an emulated meeting)`,
    ...describeEmulator(emulator).map((l) => `  ${l}`),
    ...(consentPage ? [`  Admin consent page: ${consentPage}`] : []),
    `  Trust ${caFile} in your browser to avoid certificate warnings.`,
    '',
  ].join('\n'),
);

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  void emulator.close().then(() => process.exit(code));
}
server.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
