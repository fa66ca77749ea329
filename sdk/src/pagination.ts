/** One page of a list operation, as the spec answers it: `{ items, nextToken }`. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * What every list method returns: iterate it for all items across pages
 * (`for await (const m of client.models.list())`), or `.pages()` for whole pages. Nothing is
 * fetched until iteration starts, and each iteration starts again from the first page.
 */
export interface Paginated<T> extends AsyncIterable<T> {
  /** Every page in turn, following `nextToken` until the last page (which has none). */
  pages(): AsyncIterable<Page<T>>;
  /** Every item of every page, collected. */
  toArray(): Promise<T[]>;
}

/** Builds a Paginated over `fetchPage`, starting at `startToken` (a `nextToken` the caller kept). */
export function paginate<T>(fetchPage: (nextToken: string | undefined) => Promise<Page<T>>, startToken?: string): Paginated<T> {
  async function* pages(): AsyncGenerator<Page<T>> {
    let token = startToken;
    do {
      const page = await fetchPage(token);
      yield page;
      token = page.nextToken;
    } while (token !== undefined && token !== '');
  }
  async function* items(): AsyncGenerator<T> {
    for await (const page of pages()) yield* page.items;
  }
  return {
    pages,
    [Symbol.asyncIterator]: items,
    async toArray() {
      const all: T[] = [];
      for await (const item of items()) all.push(item);
      return all;
    },
  };
}
