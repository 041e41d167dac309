import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` may do what `needed` may: admin ⊃ editor ⊃ viewer. */
export function roleAllows(role: string, needed: Role): boolean {
  return ROLES.indexOf(role as Role) !== -1 && ROLES.indexOf(role as Role) <= ROLES.indexOf(needed);
}

/** Password rules: at least 10 characters, of at least three kinds (lower case, upper case, digits, other). */
export const PASSWORD_MIN_LENGTH = 10;

/** Why a password is not good enough (Chinese, for the person choosing it), or null. */
export function passwordProblem(password: string, name?: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((k) => k.test(password)).length;
  if (kinds < 3) return '密码须包含小写字母、大写字母、数字、其他符号中的至少三类';
  if (name && password.toLowerCase().includes(name.toLowerCase())) return '密码不能包含用户名';
  return null;
}
