// `/auth/callback`: the SPA redirect URI. msal-browser's bridge hands the authorization response to
// the page that started the sign-in (popup or redirect), which redeems the code with its PKCE verifier.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch((error: unknown) => {
  const status = document.getElementById('status');
  if (status) {
    status.textContent = `Sign-in could not finish: ${error instanceof Error ? error.message : String(error)}`;
  }
});
