/** A fetch that records every request an OciClient sends (method, path, query), then sends it. */
export interface SentRequest {
  method: string;
  url: URL;
  contentRange?: string;
  bodyBytes: number;
}

export function countingFetch(): { fetch: typeof fetch; requests: SentRequest[] } {
  const requests: SentRequest[] = [];
  const wrapped: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const body = init?.body;
    requests.push({
      method: init?.method ?? 'GET',
      url,
      ...(headers.get('content-range') ? { contentRange: headers.get('content-range')! } : {}),
      bodyBytes: body instanceof Uint8Array ? body.length : 0,
    });
    return fetch(input, init);
  };
  return { fetch: wrapped, requests };
}

/** Requests that finished a blob upload (`PUT ...?digest=`), by digest. */
export function finishedUploads(requests: readonly SentRequest[]): string[] {
  return requests.filter((r) => r.method === 'PUT' && r.url.searchParams.has('digest')).map((r) => r.url.searchParams.get('digest')!);
}

/** Blob downloads (`GET /v2/<repo>/blobs/<digest>`), by digest. */
export function blobReads(requests: readonly SentRequest[]): string[] {
  return requests.filter((r) => r.method === 'GET' && /\/blobs\/sha256:/.test(r.url.pathname)).map((r) => r.url.pathname.split('/blobs/')[1]!);
}
