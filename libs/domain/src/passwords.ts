/**
 * Staff passwords: at least 10 characters of at least two kinds (lower-case, upper-case, digits,
 * other), not one character repeated or a run of the keyboard or the alphabet, not one of the
 * passwords every list of leaked ones starts with, and not the username. One rule for the API
 * (which refuses) and the workspace (which says why before sending).
 */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem =
  'too_short' | 'too_long' | 'one_kind' | 'trivial' | 'common' | 'contains_username';

export const PASSWORD_PROBLEM_LABELS: Readonly<Record<PasswordProblem, string>> = {
  too_short: `密码至少 ${PASSWORD_MIN_LENGTH} 位`,
  too_long: `密码最多 ${PASSWORD_MAX_LENGTH} 位`,
  one_kind: '密码须包含字母、数字、符号中的至少两类',
  trivial: '密码不能是重复或连续的字符（如 0000000000、1234567890）',
  common: '该密码过于常见，请换一个',
  contains_username: '密码不能包含用户名',
};

/** English, for the API's per-field details. */
export const PASSWORD_PROBLEM_MESSAGES: Readonly<Record<PasswordProblem, string>> = {
  too_short: `password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `password must be at most ${PASSWORD_MAX_LENGTH} characters`,
  one_kind: 'password must mix at least two of: letters, digits, other characters',
  trivial: 'password must not be one repeated character or a run such as 1234567890',
  common: 'password is too common',
  contains_username: 'password must not contain the username',
};

/** The base words of the passwords leaked most often (compared without case, digits, symbols). */
const COMMON_WORDS = new Set([
  'password',
  'passw0rd',
  'qwerty',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'admin',
  'administrator',
  'welcome',
  'letmein',
  'iloveyou',
  'abc',
  'abcd',
  'abcdef',
  'woaini',
  'haochaping',
  'changeme',
  'test',
  'user',
  'root',
]);

const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb',
];

function isRun(text: string): boolean {
  const lower = text.toLowerCase();
  return RUNS.some((run) => {
    const reversed = [...run].reverse().join('');
    return run.includes(lower) || reversed.includes(lower);
  });
}

const LEET: Record<string, string> = { '@': 'a', '0': 'o', '1': 'i', '3': 'e', $: 's', '5': 's' };

/** P@ssw0rd!!, Password123, admin_2026 → password, password, admin: the word people decorate. */
function commonBase(password: string): string {
  const stem = password.replace(/[^A-Za-z]+$/, '').replace(/^[^A-Za-z]+/, '');
  return [...stem.toLowerCase()]
    .map((c) => LEET[c] ?? c)
    .join('')
    .replace(/[^a-z]/g, '');
}

export function passwordProblem(password: string, username = ''): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((k) => k.test(password));
  if (new Set(password).size <= 2 || isRun(password)) return 'trivial';
  if (kinds.length < 2) return 'one_kind';
  if (COMMON_WORDS.has(commonBase(password))) return 'common';
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) return 'contains_username';
  return null;
}
