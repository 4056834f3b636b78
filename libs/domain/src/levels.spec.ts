import { isBadLevel, isGoodLevel, isRatingLevel, LEVEL_LABELS, RATING_LEVELS } from './levels';
import { ERROR_MESSAGES_ZH, ERROR_STATUS } from './error-codes';

describe('rating levels', () => {
  it('has five levels, 5 非常满意 to 1 非常不满意', () => {
    expect(RATING_LEVELS).toEqual([5, 4, 3, 2, 1]);
    expect(LEVEL_LABELS[5]).toBe('非常满意');
    expect(LEVEL_LABELS[1]).toBe('非常不满意');
  });

  it('counts 1–2 as bad and 3–5 as good', () => {
    expect(RATING_LEVELS.filter(isBadLevel)).toEqual([2, 1]);
    expect(RATING_LEVELS.filter(isGoodLevel)).toEqual([5, 4, 3]);
  });

  it('recognises only the five numbers', () => {
    expect([0, 1, 5, 6, 2.5, '3'].map(isRatingLevel)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('error codes', () => {
  it('gives every code a status of the contract and a Chinese message', () => {
    for (const code of Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[]) {
      expect([400, 401, 403, 404, 408, 409, 410, 413, 415, 422, 429, 431, 500, 502, 503]).toContain(
        ERROR_STATUS[code],
      );
      expect(ERROR_MESSAGES_ZH[code]).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(ERROR_STATUS.ALREADY_RATED).toBe(409);
    expect(ERROR_STATUS.TOKEN_EXPIRED).toBe(410);
  });
});
