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
