import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** One entry of a test archive: a file (with content), a directory, or a link (refused by the packager). */
export interface ArchiveEntry {
  name: string;
  content?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
}

/** A real tar (gzipped unless `gzip: false`) of the entries, in their order, made by tar-stream as `tar czf` would. */
export async function tarArchive(entries: readonly ArchiveEntry[], options: { gzip?: boolean } = {}): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const ended = new Promise<void>((resolve, reject) => {
    pack.on('data', (chunk) => chunks.push(chunk as Buffer));
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    if (type === 'file')
      pack.entry({ name: entry.name, type }, typeof entry.content === 'string' ? Buffer.from(entry.content) : (entry.content ?? Buffer.alloc(0)));
    else pack.entry({ name: entry.name, type, ...(entry.linkname ? { linkname: entry.linkname } : {}) });
  }
  pack.finalize();
  await ended;
  const archive = Buffer.concat(chunks);
  return options.gzip === false ? archive : gzipSync(archive);
}
