import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * Shorthands for response-class properties, so each field states its JSON type explicitly
 * (design types of unions like `Date | null` carry no information).
 */
type Extra = { description?: string; example?: unknown; enum?: readonly string[] | number[] };

const options = (base: Record<string, unknown>, extra: Extra = {}, nullable = false) => ({
  ...base,
  ...extra,
  ...(extra.enum ? { enum: [...extra.enum] } : {}),
  ...(nullable ? { nullable: true } : {}),
});

export const Int = (extra?: Extra, nullable = false): PropertyDecorator =>
  ApiProperty(options({ type: 'integer' }, extra, nullable));
export const Num = (extra?: Extra, nullable = false): PropertyDecorator =>
  ApiProperty(options({ type: 'number' }, extra, nullable));
export const Str = (extra?: Extra, nullable = false): PropertyDecorator =>
  ApiProperty(options({ type: 'string' }, extra, nullable));
export const Bool = (extra?: Extra, nullable = false): PropertyDecorator =>
  ApiProperty(options({ type: 'boolean' }, extra, nullable));
/** A timestamp: JSON serialises Date as an ISO 8601 string. */
export const DateTime = (extra?: Extra, nullable = false): PropertyDecorator =>
  ApiProperty(options({ type: 'string', format: 'date-time' }, extra, nullable));
export const IntArray = (extra?: Extra): PropertyDecorator =>
  ApiProperty(options({ type: 'integer', isArray: true }, extra));
export const StrArray = (extra?: Extra): PropertyDecorator =>
  ApiProperty(options({ type: 'string', isArray: true }, extra));
/** A nested object (or array of them) of a response class. */
export const Nested = (
  type: () => unknown,
  opts: { nullable?: boolean; isArray?: boolean; description?: string } = {},
): PropertyDecorator =>
  // Written as `type: () => …` so @nestjs/swagger recognises the lazy type (by the name "type").
  ApiProperty({ type: () => type() as new () => unknown, ...opts });
export const OptionalNested = (type: () => unknown, description?: string): PropertyDecorator =>
  ApiPropertyOptional({ type: () => type() as new () => unknown, description });
