// Uploads a file straight to Azure Blob Storage with the signed URL from POST /api/courses/{id}/uploads,
// in blocks: Put Block for each slice, then Put Block List. The API never sees the bytes.

export const DEFAULT_BLOCK_BYTES = 4 * 1024 * 1024;
const MAX_BLOCKS = 50_000;
const ATTEMPTS = 3;

/** Block ids must all have the same length: base64 of the zero-padded block number. */
export function blockId(index) {
  return btoa(String(index).padStart(6, '0'));
}

/** Appends query parameters to the SAS URL as is (its own parameters, the signature included, stay untouched). */
function withQuery(url, params) {
  const extra = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return url + (url.includes('?') ? '&' : '?') + extra;
}

/** One PUT with upload progress (fetch has none); resolves on 2xx, rejects with a readable message otherwise. */
function put(url, body, headers, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(e.loaded); };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(body.size ?? 0);
        resolve();
        return;
      }
      const code = /<Code>([^<]+)<\/Code>/.exec(xhr.responseText)?.[1];
      const err = new Error(`Blob Storage answered ${xhr.status}${code ? ` (${code})` : ''}.`);
      err.status = xhr.status;
      reject(err);
    };
    // A CORS refusal looks like a network error: the page cannot see the answer.
    xhr.onerror = () => reject(Object.assign(new Error(
      'The upload to Blob Storage failed (network error or CORS: is this origin in App:AllowedOrigins and the storage CORS rule?).'),
      { status: 0 }));
    xhr.onabort = () => reject(new DOMException('Upload cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

async function withRetry(action) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (e) {
      const transient = e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500;
      if (e.name === 'AbortError' || !transient || attempt >= ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Uploads `file` to `uploadUrl` in blocks of `blockBytes`, calling onProgress(bytesSent, totalBytes).
 * Blocks go one after another (simple and enough for a course package); each is retried on transient errors.
 */
export async function uploadInBlocks(file, uploadUrl, { blockBytes = DEFAULT_BLOCK_BYTES, onProgress, signal } = {}) {
  const total = file.size;
  let size = Math.max(16 * 1024, Math.floor(blockBytes));
  if (Math.ceil(total / size) > MAX_BLOCKS) size = Math.ceil(total / MAX_BLOCKS);
  const count = Math.max(1, Math.ceil(total / size));
  const ids = [];
  let done = 0;
  onProgress?.(0, total);
  for (let i = 0; i < count; i++) {
    const slice = file.slice(i * size, Math.min(total, (i + 1) * size));
    const id = blockId(i);
    await withRetry(() => put(withQuery(uploadUrl, { comp: 'block', blockid: id }), slice, {},
      (loaded) => onProgress?.(Math.min(total, done + loaded), total), signal));
    done += slice.size;
    ids.push(id);
    onProgress?.(done, total);
  }
  const xml = '<?xml version="1.0" encoding="utf-8"?><BlockList>'
    + ids.map((id) => `<Latest>${id}</Latest>`).join('') + '</BlockList>';
  await withRetry(() => put(withQuery(uploadUrl, { comp: 'blocklist' }), new Blob([xml], { type: 'application/xml' }),
    { 'x-ms-blob-content-type': file.type || 'application/zip' }, null, signal));
  return { blocks: count, blockBytes: size, bytes: total };
}
