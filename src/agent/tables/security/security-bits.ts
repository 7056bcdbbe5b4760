/**
 * Key sizes and "bits of security" (NIST SP 800-57) the way OpenSSL 3's
 * EVP_PKEY_bits and EVP_PKEY_security_bits report them, which is what
 * osquery's user_ssh_keys shows in key_length and key_security_bits.
 */

const scale = 1n << 18n;
const cbrtScale = 1n << 12n;
const log2Scaled = 0x02c5c8n; // scale * ln(2)
const log2eScaled = 0x05c551n; // scale * log2(e)
const c1923 = 0x07b126n; // scale * 1.923
const c4690 = 0x12c28fn; // scale * 4.690

/** The canonical strengths of SP 800-56B rev 2 and FIPS 140-2 IG 7.5, which take precedence over the formula. */
const canonicalStrengths: ReadonlyMap<number, number> = new Map([
  [2048, 112],
  [3072, 128],
  [4096, 152],
  [6144, 176],
  [7680, 192],
  [8192, 200],
  [15360, 256],
]);

const mul = (a: bigint, b: bigint): bigint => (a * b) / scale;

/** Integer cube root of a 64-bit value, scaled, by the shifting nth-root method. */
function cubeRootScaled(x: bigint): bigint {
  let rest = x;
  let root = 0n;
  for (let shift = 63n; shift >= 0n; shift -= 3n) {
    root <<= 1n;
    const step = 3n * root * (root + 1n) + 1n;
    if (rest >> shift >= step) {
      rest -= step << shift;
      root++;
    }
  }
  return root * cbrtScale;
}

/** Natural logarithm of a scaled value greater than one, scaled. */
function lnScaled(value: bigint): bigint {
  let v = value;
  let log2 = 0n;
  while (v >= 2n * scale) {
    v >>= 1n;
    log2 += scale;
  }
  for (let bit = scale / 2n; bit !== 0n; bit /= 2n) {
    v = mul(v, v);
    if (v >= 2n * scale) {
      v >>= 1n;
      log2 += bit;
    }
  }
  return (log2 * scale) / log2eScaled;
}

/**
 * Security strength of an RSA modulus (or finite-field prime) of `bits`
 * bits: the FIPS 140 IG 7.5 estimate in OpenSSL's fixed-point arithmetic,
 * rounded to a multiple of 8, with the canonical values taking precedence.
 */
export function computeRsaSecurityBits(bits: number): number {
  const canonical = canonicalStrengths.get(bits);
  if (canonical !== undefined) return canonical;
  if (bits >= 687737) return 1200;
  if (bits < 8) return 0;
  const cap = bits <= 7680 ? 192 : bits <= 15360 ? 256 : 1200;
  const x = BigInt(bits) * log2Scaled;
  const lx = lnScaled(x);
  const estimate = Number(((mul(c1923, cubeRootScaled(mul(mul(x, lx), lx))) - c4690) / log2Scaled) & 0xffffn);
  return Math.min((estimate + 4) & ~7, cap);
}

/** DSA (and DH with a subgroup): OpenSSL's BN_security_bits(L = p bits, N = q bits). */
export function computeDsaSecurityBits(primeBits: number, subgroupBits: number): number {
  let strength: number;
  if (primeBits >= 15360) strength = 256;
  else if (primeBits >= 7680) strength = 192;
  else if (primeBits >= 3072) strength = 128;
  else if (primeBits >= 2048) strength = 112;
  else if (primeBits >= 1024) strength = 80;
  else return 0;
  if (subgroupBits === -1) return strength;
  const half = Math.floor(subgroupBits / 2);
  if (half < 80) return 0;
  return Math.min(half, strength);
}

/** Elliptic curves: the strength OpenSSL derives from the bit length of the group order. */
export function computeEcSecurityBits(orderBits: number): number {
  if (orderBits >= 512) return 256;
  if (orderBits >= 384) return 192;
  if (orderBits >= 256) return 128;
  if (orderBits >= 224) return 112;
  if (orderBits >= 160) return 80;
  return Math.floor(orderBits / 2);
}

/** Bit length of the group order of the named curves OpenSSL knows by these names. */
export const curveOrderBits: ReadonlyMap<string, number> = new Map([
  ['prime192v1', 192],
  ['secp224r1', 224],
  ['prime256v1', 256],
  ['secp256k1', 256],
  ['secp384r1', 384],
  ['secp521r1', 521],
  ['brainpoolP256r1', 256],
  ['brainpoolP384r1', 384],
  ['brainpoolP512r1', 512],
  ['SM2', 256],
]);
