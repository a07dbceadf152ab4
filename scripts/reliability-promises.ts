// What Quorum promises about safety and reliability, each with how it is kept and the tests that
// prove it (file and test title, so test/docs/reliability.test.ts can check the pointer still holds).
// docs/reliability.md is generated from this list by scripts/reliability-report.ts.

export interface Proof {
  /** Repository-relative test file. */
  file: string;
  /** A test's (or describe block's) title, verbatim. */
  title: string;
}

export interface Assurance {
  promise: string;
  /** How the code keeps it, in a few sentences of Markdown. */
  how: string;
  proofs: Proof[];
}

export const ASSURANCES: readonly Assurance[] = [
  {
    promise: 'No meeting is booked twice, and none is lost',
    how: "A booking is written to the store with a fresh `transactionId` before Quorum posts it to Graph (an outbox), and the event carries a Quorum extended property with the booking's id. Graph de-duplicates a retried POST by `transactionId`; after a crash between the store write and the POST, or between the POST and the store update, a restart looks the event up by its extended property and either records it or posts it once. A client retry with the same `Idempotency-Key` gets the first answer.",
    proofs: [
      {
        file: 'test/integration/meetings-recovery.test.ts',
        title:
          'posts a meeting the server wrote to its outbox but never sent, and finds one it sent but never recorded',
      },
      {
        file: 'test/integration/meetings-recovery.test.ts',
        title:
          'keeps a meeting pending while Graph is unavailable, and books it once on a later start',
      },
      {
        file: 'test/integration/meetings-safety.test.ts',
        title:
          'books once when Graph answers 503 and the client retries with the same Idempotency-Key',
      },
      {
        file: 'test/integration/meetings-safety.test.ts',
        title: "rides out a short 503 with Graph's transactionId de-duplication",
      },
    ],
  },
  {
    promise: 'No tenant sees or changes another tenant’s data',
    how: "Callers are keyed by the token's (`tid`, `oid`), never by email; a token is verified against its own tenant's keys and issuer, and what it may see is decided from the org that holds its tenant. Another tenant's requests find nothing (`ERR_NOT_FOUND`, nothing written), and a member may book only on their own mailbox.",
    proofs: [
      {
        file: 'test/http/auth/token-verifier.test.ts',
        title: 'lets any tenant sign in and identifies a tenant B token as tenant B',
      },
      {
        file: 'test/integration/connections-isolation.test.ts',
        title: "shows a tenant admin of another org none of Contoso's connections",
      },
      {
        file: 'test/integration/settings-isolation.test.ts',
        title: 'cannot change the role of a Contoso member: ERR_NOT_FOUND, nothing written',
      },
      {
        file: 'test/security/auth-matrix.test.ts',
        title: 'another tenant on Contoso’s routes',
      },
      {
        file: 'test/integration/meetings-safety.test.ts',
        title: "refuses another member's calendar as destination",
      },
    ],
  },
  {
    promise: 'Secrets are encrypted at rest and never returned',
    how: 'Client secrets and private keys are stored as AES-256-GCM envelopes with the key id beside each ciphertext (`npm run rotate-key` re-encrypts under a new key), in files apart from documents, and read only through the store’s sensitive calls. No response and no log line carries a secret, key or token.',
    proofs: [
      {
        file: 'test/store/secrets.test.ts',
        title: 'never writes a plaintext, in any encoding, to any file under the data dir',
      },
      {
        file: 'test/store/secrets.test.ts',
        title:
          'stores each secret as a {kid, iv, tag, ct} envelope in a 0600 file apart from documents',
      },
      {
        file: 'test/store/rotate-keys.test.ts',
        title: 're-encrypts every secret with a new key and removes the old one',
      },
      {
        file: 'test/integration/connections-lifecycle.test.ts',
        title: 'never appear in a response or a log line',
      },
    ],
  },
  {
    promise: 'A transient fault never changes a member’s status',
    how: 'A 429, 503 or 504 that outlasts its retries (which honour `Retry-After`, back off with jitter and stop at a cap), a reset connection or a slow answer leaves the member with their last known status; a member never checked shows _checking_, never _not connected_. The sweep resumes and completes.',
    proofs: [
      {
        file: 'test/directory/member-state.test.ts',
        title: 'keeps a connected member connected when Graph throttles the probe',
      },
      {
        file: 'test/faults/graph-faults.fast.test.ts',
        title: 'keeps every member through a 429 storm with Retry-After on half the probes',
      },
      {
        file: 'test/faults/graph-faults.fast.test.ts',
        title: 'keeps every member through 503 and 504 bursts on probes and on whole batches',
      },
      {
        file: 'test/faults/graph-faults.fast.test.ts',
        title:
          'keeps every member when batches lose their connection (reset, or held then dropped)',
      },
    ],
  },
];
