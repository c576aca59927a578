import { passwordProblem } from './password-policy';

describe('the password rule', () => {
  it('refuses passwords under 12 characters', () => {
    expect(passwordProblem('Xq7#vL2!pZ')).toBe('Password must be 12 characters or more');
  });

  it.each([
    'aaaaaaaaaaaa',
    'password1234',
    'Password123!',
    'qwertyuiop12',
    'iloveyou2020',
    '123456789012',
    'abcdefghijkl',
    'letmeinletmein',
  ])('refuses the long but guessable %s', (weak) => {
    expect(passwordProblem(weak)).toMatch(/^Password is too easy to guess/);
  });

  it('refuses a password made of the person’s own email or name', () => {
    expect(passwordProblem('SamiraOkafor')).toBeNull();
    expect(passwordProblem('SamiraOkafor', ['samira.okafor@aspire.example', 'Samira Okafor'])).toMatch(/too easy to guess/);
  });

  it.each(['a long enough password for tests', 'correct horse battery staple', 'velvet-otter-lantern-42', 'Tr0ub4dor&3xx'])(
    'accepts %s',
    (good) => {
      expect(passwordProblem(good)).toBeNull();
    },
  );

  it('refuses over 200 characters', () => {
    expect(passwordProblem('x'.repeat(201))).toBe('Password must be 200 characters or fewer');
  });
});
