import fc, { type Arbitrary } from 'fast-check';

/*
 * fast-check arbitraries from an OpenAPI 3 document: for each schema, values that follow it
 * (types, enums, bounds, lengths, patterns, required keys) mixed with hostile ones in any place —
 * wrong types, huge and odd strings, deep nesting, prototype keys, unknown fields. A small JSON
 * schema walker, enough for the document @nestjs/swagger writes.
 */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  minItems?: number;
  pattern?: string;
  additionalProperties?: boolean | Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, unknown>;
  security?: Record<string, unknown>[];
}

/** Keys that reach an object's prototype when a parser or merge is careless. */
const PROTO_BODIES = [
  '{"__proto__":{"polluted":"yes","role":"admin"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"},"__proto__":[]}',
];

/** Strings no form sends: control characters, lone surrogates, direction overrides, injection. */
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u202d',
  '\u200b\u200b',
  '𠀀𠀁𪚥',
  '👨‍👩‍👧‍👦'.repeat(50),
  "' OR 1=1 --",
  '"; DROP TABLE ratings; --',
  '=cmd|" /C calc"!A0',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9'.repeat(400),
  '2026-02-30',
  '2026-13-01T25:61:61Z',
  '0000-00-00',
  '13800138000',
  '110101199003077777',
];

const hugeString = fc.constantFrom('x'.repeat(70_000), '中'.repeat(20_000), 'a'.repeat(5_001));

/** Nesting far beyond any schema: arrays and objects hundreds of levels deep. */
const deep = fc.integer({ min: 30, max: 600 }).map((depth) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

/** Any JSON value of a wrong kind. */
export const hostile: Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0, 2 ** 53, 1e308, -1e308, [], {}),
  fc.constantFrom(...ODD_STRINGS),
  hugeString,
  deep,
  fc.constantFrom(...PROTO_BODIES).map((text) => JSON.parse(text) as unknown),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom<unknown>(null, 'x', 1, {}), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.constantFrom<unknown>(1, 'x', null), {
    maxKeys: 3,
  }),
);

export class SchemaArbitraries {
  constructor(private readonly doc: OpenApiDocument) {}

  resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; s.$ref && i < 20; i++) {
      const name = s.$ref.split('/').pop() as string;
      s = this.doc.components?.schemas?.[name] ?? {};
    }
    if (s.allOf) {
      const parts = s.allOf.map((p) => this.resolve(p));
      return {
        type: 'object',
        properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) as Record<
          string,
          Schema
        >,
        required: parts.flatMap((p) => p.required ?? []),
      };
    }
    return s;
  }

  /** Values that follow the schema (the "valid" side). */
  valid(schema: Schema, depth = 0): Arbitrary<unknown> {
    const s = this.resolve(schema);
    const inner = this.validInner(s, depth);
    return s.nullable ? fc.oneof({ arbitrary: inner, weight: 5 }, fc.constant(null)) : inner;
  }

  private validInner(s: Schema, depth: number): Arbitrary<unknown> {
    if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum);
    if (s.oneOf || s.anyOf) {
      return fc.oneof(...(s.oneOf ?? s.anyOf ?? []).map((x) => this.valid(x, depth + 1)));
    }
    switch (s.type) {
      case 'integer':
        return fc.integer({
          min: Math.max(s.minimum ?? -1_000, -2_147_483_648),
          max: Math.min(s.maximum ?? 100_000, 2_147_483_647),
        });
      case 'number':
        return fc.double({
          min: s.minimum ?? -1e6,
          max: s.maximum ?? 1e6,
          noNaN: true,
          noDefaultInfinity: true,
        });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(this.valid(s.items ?? {}, depth + 1), {
          minLength: s.minItems ?? 0,
          maxLength: Math.min(s.maxItems ?? 4, 8),
        });
      case 'object':
      case undefined:
        if (!s.properties) {
          return s.type === 'object'
            ? fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), {
                maxKeys: 3,
              })
            : fc.oneof(fc.string({ maxLength: 10 }), fc.integer());
        }
        if (depth > 6) return fc.constant({});
        return fc.record(
          Object.fromEntries(
            Object.entries(s.properties).map(([key, prop]) => [key, this.field(prop, depth + 1)]),
          ),
          { requiredKeys: (s.required ?? []).filter((k) => k in (s.properties ?? {})) },
        );
      case 'string':
      default:
        return this.string(s);
    }
  }

  private string(s: Schema): Arbitrary<string> {
    if (s.format === 'date-time') {
      return fc
        .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z') })
        .filter((d) => !Number.isNaN(d.getTime()))
        .map((d) => d.toISOString());
    }
    if (s.pattern) {
      try {
        return fc.stringMatching(new RegExp(s.pattern)).map((x) => x.slice(0, s.maxLength ?? 200));
      } catch {
        // a pattern JavaScript cannot read: plain strings
      }
    }
    const minLength = s.minLength ?? 0;
    const maxLength = Math.min(Math.max(s.maxLength ?? 40, minLength), 300);
    return fc.oneof(
      fc.string({ minLength, maxLength }),
      fc.string({ unit: 'grapheme', minLength, maxLength }),
      fc.stringMatching(/^[\u4e00-\u9fa5]{1,20}$/).filter((x) => x.length >= minLength),
    );
  }

  /** A field: mostly valid, sometimes hostile — so one bad field hides among good ones. */
  field(schema: Schema, depth = 0): Arbitrary<unknown> {
    return fc.oneof(
      { arbitrary: this.valid(schema, depth), weight: 4 },
      { arbitrary: hostile, weight: 1 },
    );
  }

  /** A whole JSON body for the schema: valid, mixed, an extra unknown or prototype key, or junk. */
  body(schema: Schema | undefined): Arbitrary<unknown> {
    const s = schema ? this.resolve(schema) : {};
    const shaped = schema ? this.valid(s) : fc.constant({});
    const mixed = schema && s.properties ? this.mixedObject(s) : shaped;
    return fc.oneof(
      { arbitrary: shaped, weight: 3 },
      { arbitrary: mixed, weight: 4 },
      {
        arbitrary: fc
          .tuple(shaped, fc.constantFrom('isAdmin', 'role', 'id', '__proto__', 'constructor'))
          .map(([value, key]) =>
            value && typeof value === 'object' && !Array.isArray(value)
              ? (JSON.parse(
                  JSON.stringify({ ...value })
                    .replace(/^\{/, `{"${key}":{"x":1},`)
                    .replace(/,\}$/, '}'),
                ) as unknown)
              : value,
          ),
        weight: 1,
      },
      { arbitrary: hostile, weight: 2 },
    );
  }

  private mixedObject(s: Schema): Arbitrary<unknown> {
    return fc.record(
      Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([key, prop]) => [key, this.field(prop, 1)]),
      ),
      { requiredKeys: [] },
    );
  }
}

/** A query or path parameter value: from its schema, from known-good samples, or hostile text. */
export function parameterValue(
  arbs: SchemaArbitraries,
  schema: Schema | undefined,
  samples: string[] = [],
): Arbitrary<string> {
  const fromSchema = arbs.valid(schema ?? { type: 'string' }).map((v) => String(v));
  const odd = fc.oneof(
    fc.constantFrom(...ODD_STRINGS),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('0', '-1', '1.5', '1e3', '0x10', '2147483648', '99999999999999999999'),
  );
  return samples.length > 0
    ? fc.oneof(
        { arbitrary: fc.constantFrom(...samples), weight: 4 },
        { arbitrary: fromSchema, weight: 2 },
        { arbitrary: odd, weight: 2 },
      )
    : fc.oneof({ arbitrary: fromSchema, weight: 3 }, { arbitrary: odd, weight: 2 });
}
