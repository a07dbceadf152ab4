// Which URLs the popup start page may open: only Microsoft's sign-in (the configured authority) or
// Quorum itself — never an arbitrary site, so the page cannot be used as an open redirect.

/** The URL to open, or null when `target` is not an allowed destination. */
export function allowedStartTarget(target: string, allowedOrigins: readonly string[]): URL | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.hostname !== 'localhost') return null;
  return allowedOrigins.includes(url.origin) ? url : null;
}
