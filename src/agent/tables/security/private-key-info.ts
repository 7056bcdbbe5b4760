import { createPrivateKey, type KeyObject } from 'node:crypto';
import { computeDsaSecurityBits, computeEcSecurityBits, computeRsaSecurityBits, curveOrderBits } from './security-bits.js';

/** What osquery's user_ssh_keys reports about one private key file. */
export interface PrivateKeyInfo {
  readonly encrypted: boolean;
  /** One of rsa, dsa, dh, ec, hmac, cmac, or '' (OpenSSH-format keys, encrypted keys, ed25519, …). */
  readonly keyType: string;
  readonly keyGroupName: string;
  /** Bits as EVP_PKEY_bits reports them; -1 when unknown. */
  readonly keyLength: number;
  /** NIST SP 800-57 strength as EVP_PKEY_security_bits reports it; -1 when unknown. */
  readonly keySecurityBits: number;
}

const openSshHeader = '-----BEGIN OPENSSH PRIVATE KEY-----';
/** base64 of "openssh-key-v1\0" + uint32 4 + "none": the start of every unencrypted OpenSSH key. */
const openSshUnencryptedPrefix = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmU';
/** A PEM private-key block that OpenSSL would ask a passphrase for. */
const encryptedPem = /-----BEGIN ENCRYPTED PRIVATE KEY-----|-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----\r?\nProc-Type:\s*4,\s*ENCRYPTED/;

const unknown = { keyType: '', keyGroupName: '', keyLength: -1, keySecurityBits: -1 } as const;

/**
 * Describes a private key file as osquery does: OpenSSL (here Node's
 * crypto, the same PEM_read_bio_PrivateKey) parses PEM keys and reports
 * type, group, bits and security bits; an encrypted PEM key is reported
 * encrypted with nothing else known; an OpenSSH-format key, which OpenSSL
 * cannot read, is reported with an empty type and -1 sizes, encrypted
 * unless its body starts with the "none" cipher. Undefined when the content
 * is not a private key at all (public keys, known_hosts, config files, …).
 */
export function describePrivateKey(content: Buffer): PrivateKeyInfo | undefined {
  let key: KeyObject | undefined;
  try {
    key = createPrivateKey({ key: content, format: 'pem' });
  } catch (err) {
    const text = content.toString('latin1');
    if (isPassphraseError(err) || encryptedPem.test(text)) return { encrypted: true, ...unknown };
    if (!text.startsWith(openSshHeader)) return undefined;
    const body = text.slice(openSshHeader.length + 1, openSshHeader.length + 1 + openSshUnencryptedPrefix.length);
    return { encrypted: body !== openSshUnencryptedPrefix, ...unknown };
  }
  return { encrypted: false, ...describeKeyObject(key) };
}

function isPassphraseError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'ERR_MISSING_PASSPHRASE' || code === 'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED' || code === 'ERR_OSSL_PEM_BAD_PASSWORD_READ';
}

type KeyFacts = Omit<PrivateKeyInfo, 'encrypted'>;

/** Type, group and sizes of a parsed key, as osquery's keyTypeAsString and OpenSSL's getters give them. */
function describeKeyObject(key: KeyObject): KeyFacts {
  const details = key.asymmetricKeyDetails ?? {};
  const type: string | undefined = key.asymmetricKeyType;
  switch (type) {
    case 'rsa':
    case 'rsa-pss': {
      const bits = details.modulusLength ?? -1;
      // osquery names only EVP_PKEY_RSA/RSA2; an RSA-PSS key's type reads ''.
      const keyType = type === 'rsa' ? 'rsa' : '';
      return { keyType, keyGroupName: '', keyLength: bits, keySecurityBits: bits < 0 ? -1 : computeRsaSecurityBits(bits) };
    }
    case 'dsa': {
      const bits = details.modulusLength ?? -1;
      const security = bits < 0 ? -1 : computeDsaSecurityBits(bits, details.divisorLength ?? -1);
      return { keyType: 'dsa', keyGroupName: '', keyLength: bits, keySecurityBits: security };
    }
    case 'ec': {
      const curve = details.namedCurve ?? '';
      const bits = curveOrderBits.get(curve) ?? -1;
      return { keyType: 'ec', keyGroupName: curve, keyLength: bits, keySecurityBits: bits < 0 ? -1 : computeEcSecurityBits(bits) };
    }
    case 'ed25519':
    case 'x25519':
      return { keyType: '', keyGroupName: '', keyLength: 253, keySecurityBits: 128 };
    case 'ed448':
      return { keyType: '', keyGroupName: '', keyLength: 456, keySecurityBits: 224 };
    case 'x448':
      return { keyType: '', keyGroupName: '', keyLength: 448, keySecurityBits: 224 };
    case 'dh':
      return { ...unknown, keyType: 'dh' };
    default:
      return unknown;
  }
}
