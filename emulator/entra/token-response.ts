// The success body of `/oauth2/v2.0/token`, and sending it with Entra's no-store headers.
import type { Response } from 'express';

export interface TokenResponse {
  token_type: 'Bearer';
  /** Space-separated granted scopes; user flows only. */
  scope?: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  id_token?: string;
  client_info?: string;
}

export function sendTokenResponse(res: Response, body: TokenResponse): void {
  res.status(200).set({ 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' }).json(body);
}
