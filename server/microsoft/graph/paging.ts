// Graph collections come in pages linked by `@odata.nextLink`, an absolute URL that already
// encodes the original query and must be used verbatim; request headers (Prefer,
// ConsistencyLevel) are not carried over by Graph and are re-sent here (graph-facts §2.1).
// Delta queries end with `@odata.deltaLink` instead (§2.3).

import type { GraphClient, GraphRequest } from './client.js';

export interface GraphPage<T> {
  value: T[];
  /** The link this page was followed from (undefined for the first page). */
  link: string | undefined;
  /** Present on every page but the last. */
  nextLink: string | undefined;
  /** Present on the last page of a delta query: keep it for the next sync. */
  deltaLink: string | undefined;
  /** Only on the first page, when `$count=true` was asked for. */
  count: number | undefined;
}

interface CollectionBody<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  '@odata.count'?: number;
}

/** Yields each page of a collection, following `@odata.nextLink` until there is none. */
export async function* pages<T>(
  client: GraphClient,
  first: GraphRequest,
): AsyncGenerator<GraphPage<T>, void, undefined> {
  let req: GraphRequest = first;
  let link: string | undefined;
  for (;;) {
    const { body } = await client.request<CollectionBody<T> | undefined>(req);
    const nextLink = body?.['@odata.nextLink'];
    yield {
      value: body?.value ?? [],
      link,
      nextLink,
      deltaLink: body?.['@odata.deltaLink'],
      count: body?.['@odata.count'],
    };
    if (nextLink === undefined) return;
    link = nextLink;
    req = { ...first, path: nextLink, query: undefined, method: 'GET', body: undefined };
  }
}

/** Every item of every page, and the delta link if the collection was a delta query. */
export async function collect<T>(
  source: AsyncIterable<GraphPage<T>>,
): Promise<{ items: T[]; deltaLink: string | undefined }> {
  const items: T[] = [];
  let deltaLink: string | undefined;
  for await (const page of source) {
    items.push(...page.value);
    deltaLink = page.deltaLink ?? deltaLink;
  }
  return { items, deltaLink };
}
