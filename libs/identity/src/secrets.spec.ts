import { hashPassword, hashToken, newApiToken, verifyPassword } from './secrets';

describe('secrets', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).not.toContain('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterz', stored)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password!')).not.toEqual(await hashPassword('same password!'));
  });

  it('records its cost in the hash and checks each hash at its own cost', async () => {
    const product = await hashPassword('correct horse battery');
    const cheap = await hashPassword('correct horse battery', 10);
    expect(product).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    // A password set at one cost still signs in after the setting changes (the hash says how to check it).
    expect(await verifyPassword('correct horse battery', cheap)).toBe(true);
    expect(await verifyPassword('correct horse battery', product, 10)).toBe(true);
    expect(await verifyPassword('correct horse batterz', cheap, 15)).toBe(false);
  });

  it('rejects when there is no stored hash', async () => {
    expect(await verifyPassword('anything at all', null)).toBe(false);
  });

  it('makes distinct tokens and hashes them deterministically', () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a).not.toEqual(b);
    expect(a.length).toBeGreaterThanOrEqual(40);
    expect(hashToken(a)).toEqual(hashToken(a));
    expect(hashToken(a)).not.toEqual(hashToken(b));
    expect(hashToken(a)).not.toContain(a);
  });
});
