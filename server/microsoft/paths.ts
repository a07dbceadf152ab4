// URL segments for Graph paths. Ids and UPNs go through encodeURIComponent: guest UPNs carry
// `#EXT#`, which would otherwise end the path at the `#`.

/** `/users/{id|upn}` */
export function userPath(idOrUpn: string): string {
  return `/users/${encodeURIComponent(idOrUpn)}`;
}

/** One encoded path segment. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
