import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage, IsString, MaxLength, validateSync } from 'class-validator';
import fc from 'fast-check';
import { ComplaintDto, FollowUpDto, SubmitRatingDto } from '../ratings/dto/ratings.dto';
import { compileValidation } from './compiled-validation';
import { createValidationPipe } from './validation';

// Every DTO of the API, so that every class the fast form accepts is compared with the pipe.
const src = join(__dirname, '..');
for (const dir of readdirSync(src, { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  const dtos = join(src, dir.name, 'dto');
  let files: string[] = [];
  try {
    files = readdirSync(dtos).filter((f) => f.endsWith('.dto.ts'));
  } catch {
    continue;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded for their decorators
  for (const file of files) require(join(dtos, file));
}

type Metatype = new () => object;
const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown> };
const dtoClasses = [...storage.validationMetadatas.keys()].filter(
  (target): target is Metatype => typeof target === 'function' && /(Dto|Query)$/.test(target.name),
);

/** Nest's pipe with the options of createValidationPipe: what the API answered before. */
const reference = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
});
const asBody = (metatype: Metatype): ArgumentMetadata => ({ type: 'body', metatype });

async function referenceAnswer(metatype: Metatype, body: object): Promise<object | undefined> {
  try {
    return (await reference.transform(structuredClone(body), asBody(metatype))) as object;
  } catch {
    return undefined;
  }
}

const TOKEN = '1a.2b.abcdefghijklmnopqrstuv';
/** Values that meet and break the DTOs' rules: ids, levels, texts, tokens, phones, lists. */
const POOL: unknown[] = [
  null,
  true,
  false,
  0,
  1,
  2,
  5,
  6,
  -1,
  1.5,
  2_147_483_647,
  2_147_483_648,
  '',
  'a',
  '说明',
  'x'.repeat(21),
  'x'.repeat(501),
  TOKEN,
  `${TOKEN}x`,
  '13812348000',
  '1381234800',
  'window_qr',
  'phone',
  '2026-11',
  '2026-13',
  'abcdefghijklmnop',
  'D01',
  [],
  ['a'],
  ['a', 'a'],
  ['窗口'],
  [1],
  [1, 1],
  [1, 2],
  [1, 2, 3, 4, 5, 6, 7],
  ['abcdefghijklmnop'],
  ['x'.repeat(21)],
  [null],
  // a valid first item and an invalid later one: rules with `each` check every item
  ['a', 'x'.repeat(21)],
  [1, 0],
  [2, 'a'],
  ['abcdefghijklmnop', 'short'],
  [{}],
  {},
  { a: 1 },
];
const anyValue = fc.constantFrom(...POOL);
const OMIT = Symbol('omit');

/** The values of the pool a property accepts on its own: most bodies are built from them. */
function goodValues(metatype: Metatype, name: string): unknown[] {
  return POOL.filter(
    (value) =>
      !validateSync(Object.assign(new metatype(), { [name]: value }), {
        whitelist: true,
        forbidNonWhitelisted: true,
      }).some((error) => error.property === name),
  );
}

/** Bodies mostly of values each property accepts, some of any value, some keys left out. */
function bodies(metatype: Metatype) {
  const names = [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(metatype, '', false, false, undefined)
        .map((m) => m.propertyName),
    ),
  ];
  const shape = Object.fromEntries(
    names.map((name) => {
      const good = goodValues(metatype, name);
      const value = good.length
        ? fc.oneof(
            { arbitrary: fc.constantFrom(...good), weight: 9 },
            { arbitrary: anyValue, weight: 1 },
          )
        : anyValue;
      return [name, fc.option(value, { nil: OMIT, freq: 4 })];
    }),
  );
  return fc
    .tuple(
      fc.record(shape),
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 9 },
        { arbitrary: fc.constantFrom('extra', 'constructor'), weight: 1 },
      ),
    )
    .map(([record, extra]) => {
      const body: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(record)) if (value !== OMIT) body[key] = value;
      if (extra) body[extra] = 1;
      return body;
    });
}

/** Bodies the fast form accepted, by class: the comparison is not vacuous for the hot ones. */
const accepted = new Map<string, number>();

describe('compileValidation', () => {
  it('finds the DTOs and compiles the citizen-side ones', () => {
    expect(dtoClasses.length).toBeGreaterThan(20);
    for (const dto of [SubmitRatingDto, FollowUpDto, ComplaintDto]) {
      expect(compileValidation(dto)).toEqual(expect.any(Function));
    }
  });

  it.each(dtoClasses.map((c) => [c.name, c] as const))(
    '%s: says valid only where the ValidationPipe does, with the same instance',
    async (_name, metatype) => {
      const fast = compileValidation(metatype);
      if (!fast) return; // left to the pipe entirely
      await fc.assert(
        fc.asyncProperty(bodies(metatype), async (body) => {
          const instance = fast(structuredClone(body));
          if (instance === undefined) return;
          accepted.set(metatype.name, (accepted.get(metatype.name) ?? 0) + 1);
          const expected = await referenceAnswer(metatype, body);
          expect(expected).toBeDefined();
          expect(Object.getPrototypeOf(instance)).toBe(metatype.prototype);
          expect(instance).toEqual(expected);
        }),
        { numRuns: 300 },
      );
    },
  );

  it('accepts valid ratings, copies their lists, and leaves every invalid one to the pipe', async () => {
    const fast = compileValidation(SubmitRatingDto)!;
    const body = {
      token: TOKEN,
      level: 2,
      tags: ['态度', '效率'],
      comment: '等了很久',
      anonymous: false,
      contactPhone: '13812348000',
      channel: 'window_qr',
    };
    const instance = fast(body) as SubmitRatingDto;
    expect(instance).toBeInstanceOf(SubmitRatingDto);
    expect(instance).toEqual(await referenceAnswer(SubmitRatingDto, body));
    expect(instance.tags).not.toBe(body.tags);
    expect(fast({ token: TOKEN, level: 5 })).toBeInstanceOf(SubmitRatingDto);
    const invalid: Record<string, unknown>[] = [
      { token: TOKEN, level: 6 },
      { token: TOKEN, level: '5' },
      { token: TOKEN },
      { token: TOKEN, level: 5, tags: ['a', 'a'] },
      { token: TOKEN, level: 5, nested: { a: 1 } },
      { token: TOKEN, level: 5, channel: 'fax' },
      { token: TOKEN, level: 5, attachmentIds: [1, 1] },
    ];
    for (const bad of invalid) {
      expect(fast(structuredClone(bad))).toBeUndefined();
      expect(await referenceAnswer(SubmitRatingDto, bad)).toBeUndefined();
    }
    // IsOptional lets null through: both accept a null comment.
    const nullComment = { token: TOKEN, level: 5, comment: null };
    expect(fast(nullComment)).toEqual(await referenceAnswer(SubmitRatingDto, nullComment));
    expect(fast(nullComment)).toBeDefined();
  });

  it('the pipe answers valid bodies from the fast form and invalid ones as before', async () => {
    const pipe = createValidationPipe();
    const valid = await pipe.transform({ token: TOKEN, level: 4 }, asBody(SubmitRatingDto));
    expect(valid).toBeInstanceOf(SubmitRatingDto);
    expect(valid).toEqual({ token: TOKEN, level: 4 });
    const failure = await pipe
      .transform({ token: 'x', level: 9, extra: 1 }, asBody(SubmitRatingDto))
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        token: ['token must be the rating token from the QR code'],
        level: ['level must not be greater than 5'],
        extra: ['property extra should not exist'],
      },
    });
  });

  it('compared many accepted bodies of the citizen-side DTOs', () => {
    for (const dto of [SubmitRatingDto, FollowUpDto, ComplaintDto]) {
      expect(accepted.get(dto.name) ?? 0).toBeGreaterThan(30);
    }
  });

  it('sees a rule registered after it compiled a class', () => {
    class Late {
      @IsString() name!: unknown;
    }
    expect(compileValidation(Late)?.({ name: 'a', extra: 1 })).toBeUndefined();
    expect(compileValidation(Late)?.({ name: 'a' })).toEqual({ name: 'a' });
    MaxLength(0)(Late.prototype, 'name'); // as a decorator does at import
    expect(compileValidation(Late)?.({ name: 'a' })).toBeUndefined();
    expect(compileValidation(Late)?.({ name: '' })).toEqual({ name: '' });
  });

  it('leaves classes with class-transformer decorators or nested rules to the pipe', () => {
    const compiledCount = dtoClasses.filter((c) => compileValidation(c)).length;
    expect(compiledCount).toBeGreaterThan(0);
    expect(compiledCount).toBeLessThan(dtoClasses.length);
  });
});
