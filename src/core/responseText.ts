// The text of a response body, up to a limit: an error page can be megabytes, and only its
// beginning is ever shown.

import { concatBytes } from './byteStrings';

export async function readTextUpTo(response: Response, maxBytes: number): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } finally {
    if (total >= maxBytes) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  // A multi-byte character cut at the limit becomes U+FFFD, which is harmless in an excerpt.
  return new TextDecoder('utf-8').decode(concatBytes(chunks).subarray(0, maxBytes));
}
