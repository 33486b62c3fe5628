import { parse, stringify } from 'devalue';

/**
 * The browser host's codec, used by both ends of its WebSocket (cli/serve and the renderer's
 * socket client). Pure: no Node, no DOM.
 */

/**
 * Encodes one message with devalue (NaN, ±Infinity, undefined, Uint8Array, Map survive; no code is
 * ever evaluated on parse). Typed arrays are sent as exactly their bytes: devalue would otherwise
 * send the whole buffer behind a view (a subarray of MNIST, a slice of Node's Buffer pool).
 */
export function encodeMessage(value: unknown): string {
  return stringify(value, undefined, {
    operations: {
      viewInfo: (view: ArrayBufferView & { length?: number }) => {
        const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
        return { buffer: bytes.buffer, byteOffset: 0, byteLength: bytes.byteLength, length: view.length ?? bytes.byteLength, bufferByteLength: bytes.byteLength };
      },
    },
  });
}

/** Decodes a message made by encodeMessage; throws on anything else. Sparse arrays are refused (no huge allocations from a short message). */
export function decodeMessage(text: string): unknown {
  return parse(text, undefined, {
    operations: {
      createSparseArray: () => {
        throw new Error('sparse arrays are not accepted');
      },
    },
  });
}

/** UTF-8 length of a string without encoding it (for the size cap). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
