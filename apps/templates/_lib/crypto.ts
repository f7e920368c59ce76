// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) in AssemblyScript: FastEdge's SDK has no hashing, and
// signed-URL templates need both. Checked against FIPS and RFC 4231 vectors by CdnTemplatesPart1Test.

const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const BLOCK: i32 = 64;

/** The SHA-256 digest (32 bytes) of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  // The message, a 0x80 byte, zeros up to 56 mod 64, then the length in bits as a big-endian u64.
  const length = data.length;
  const padded = new Uint8Array(((length + 8) / BLOCK + 1) * BLOCK);
  padded.set(data);
  padded[length] = 0x80;
  const bits = <u64>length * 8;
  for (let i = 0; i < 8; i++) {
    padded[padded.length - 1 - i] = <u8>(bits >> (<u64>(8 * i)));
  }
  const h = new StaticArray<u32>(8);
  h[0] = 0x6a09e667; h[1] = 0xbb67ae85; h[2] = 0x3c6ef372; h[3] = 0xa54ff53a;
  h[4] = 0x510e527f; h[5] = 0x9b05688c; h[6] = 0x1f83d9ab; h[7] = 0x5be0cd19;
  const w = new StaticArray<u32>(64);
  for (let block = 0; block < padded.length; block += BLOCK) {
    for (let t = 0; t < 16; t++) {
      const at = block + 4 * t;
      w[t] = (<u32>padded[at] << 24) | (<u32>padded[at + 1] << 16) | (<u32>padded[at + 2] << 8) | <u32>padded[at + 3];
    }
    for (let t = 16; t < 64; t++) {
      const w15 = w[t - 15];
      const w2 = w[t - 2];
      const s0 = rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let t = 0; t < 64; t++) {
      const s1 = rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25);
      const choice = (e & f) ^ (~e & g);
      const t1 = hh + s1 + choice + K[t] + w[t];
      const s0 = rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22);
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const t2 = s0 + majority;
      hh = g; g = f; f = e; e = d + t1;
      d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  const digest = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    digest[4 * i] = <u8>(h[i] >>> 24);
    digest[4 * i + 1] = <u8>(h[i] >>> 16);
    digest[4 * i + 2] = <u8>(h[i] >>> 8);
    digest[4 * i + 3] = <u8>h[i];
  }
  return digest;
}

/** HMAC-SHA256 of `message` under `key` (a key longer than a block is hashed first, as RFC 2104 says). */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(BLOCK);
  block.set(key.length > BLOCK ? sha256(key) : key);
  const inner = new Uint8Array(BLOCK + message.length);
  const outer = new Uint8Array(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = block[i] ^ 0x36;
    outer[i] = block[i] ^ 0x5c;
  }
  inner.set(message, BLOCK);
  outer.set(sha256(inner), BLOCK);
  return sha256(outer);
}

/** Text as its UTF-8 bytes. */
export function utf8(text: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(text));
}

const HEX = "0123456789abcdef";

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    out += HEX.charAt(bytes[i] >> 4) + HEX.charAt(bytes[i] & 15);
  }
  return out;
}

/** The bytes hex text stands for (either case), or null when it is not hex. */
export function fromHex(text: string): Uint8Array | null {
  if (text.length % 2 != 0) {
    return null;
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = hexDigit(text.charCodeAt(2 * i));
    const low = hexDigit(text.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) {
      return null;
    }
    out[i] = <u8>((high << 4) | low);
  }
  return out;
}

function hexDigit(code: i32): i32 {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Whether two byte strings are equal, in time that depends on their length only (no early exit to time). */
export function sameBytes(a: Uint8Array, b: Uint8Array): bool {
  if (a.length != b.length) {
    return false;
  }
  let difference: i32 = 0;
  for (let i = 0; i < a.length; i++) {
    difference |= a[i] ^ b[i];
  }
  return difference == 0;
}
