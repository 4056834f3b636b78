import { passwordProblem } from './passwords';

describe('staff password rule', () => {
  it.each([
    ['short1!', 'too_short'],
    ['0000000000', 'trivial'],
    ['aaaaaaaaaaaa', 'trivial'],
    ['ababababab', 'trivial'],
    ['1234567890', 'trivial'],
    ['abcdefghijk', 'trivial'],
    ['qwertyuiop', 'trivial'],
    ['0987654321', 'trivial'],
    ['onlylowercaseletters', 'one_kind'],
    ['48213957604', 'one_kind'],
    ['Password123', 'common'],
    ['P@ssw0rd!!', 'common'],
    ['admin12345', 'common'],
    ['Qwerty2026!', 'common'],
  ])('refuses %s (%s)', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('refuses a password that contains the username', () => {
    expect(passwordProblem('zhang.min-2026', 'zhang.min')).toBe('contains_username');
    expect(passwordProblem('Zhang.Min-2026', 'zhang.min')).toBe('contains_username');
  });

  it('accepts passwords of two kinds and more that are none of those', () => {
    for (const ok of ['correct-horse-battery', 'Tianjin2026', 'hcp-ci-9f3k2', '风和日丽2026xyz']) {
      expect({ ok, problem: passwordProblem(ok, 'zhang.min') }).toEqual({ ok, problem: null });
    }
  });
});
