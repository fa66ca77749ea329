/**
 * The OCI client: what the daemonless image build speaks to container registries with
 * (client.ts: manifests, blobs, chunked uploads, mounts; auth.ts: Basic and Bearer credentials;
 * transport.ts: timeouts, retries, redirects, errors).
 */
export {
  OciClient,
  defaultPlatform,
  rechunk,
  type BlobContent,
  type FetchedManifest,
  type OciClientOptions,
  type OpenedBlob,
  type UploadOptions,
} from './client.js';
export { parseChallenge, type Challenge, type OciCredentials } from './auth.js';
