import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { PRODUCT_SCRYPT_LOG2_N } from '@pathway/platform/config/env';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/**
 * scrypt parameters: N=2^log2N (15, ~50-100 ms per hash on this class of machine; the setting
 * PASSWORD_SCRYPT_LOG2_N allows less only under NODE_ENV=test), r=8, p=1.
 */
const MAXMEM = 64 * 1024 * 1024;
const scryptOptions = (log2N: number) => ({ N: 2 ** log2N, r: 8, p: 1, maxmem: MAXMEM });
const KEY_LENGTH = 64;

/** A slow, salted password hash: `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string, log2N = PRODUCT_SCRYPT_LOG2_N): Promise<string> {
  const salt = randomBytes(16);
  const options = scryptOptions(log2N);
  const key = await scrypt(password, salt, KEY_LENGTH, options);
  return ['scrypt', options.N, options.r, options.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks `password` against a stored hash at the hash's own parameters; `log2N` is the cost of the check made when there is none. */
export async function verifyPassword(password: string, stored: string | null | undefined, log2N = PRODUCT_SCRYPT_LOG2_N): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    // Spend the same time as a real check so a missing account is not revealed by timing.
    await scrypt(password, randomBytes(16), KEY_LENGTH, scryptOptions(log2N));
    return false;
  }
  const [, n, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A new API token: 256 random bits, prefixed so it is recognisable in secret scanners. */
export function newApiToken(): string {
  return `pwt_${randomBytes(32).toString('base64url')}`;
}

/** Tokens carry 256 bits of entropy, so a fast hash is enough to make the stored value useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newCalendarKey(): string {
  return randomBytes(24).toString('base64url');
}
