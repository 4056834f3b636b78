import { type ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { compileValidation, memoizeValidationMetadata } from './compiled-validation';
import { DomainError } from './domain-error';

/** Flattens nested class-validator errors into `{ "field.sub": ["message", …] }`. */
export function flattenValidationErrors(
  errors: ValidationError[],
  prefix = '',
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(out, flattenValidationErrors(error.children, path));
  }
  return out;
}

/**
 * The ValidationPipe, except that path parameters stay text: Number() would read `0x10` as 16,
 * `1e3` as 1000 and `abc` as NaN before IdParamPipe could see what was sent; and that a body
 * bound to a DTO must be a JSON object: Nest validates a string, number, null or array body as
 * an empty object and hands it on as it came, so `"abc"` reached services, which spread its
 * characters into entities (a 70,000-character string made an audit row too long: a 500).
 * A body or query its DTO's compiled form finds valid is answered from it (compiled-validation.ts);
 * anything else, every invalid input among it, goes through the pipe as before.
 */
class ContractValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.type === 'body' && typeof metadata.metatype === 'function';
    if (
      dto &&
      value !== undefined &&
      (value === null || typeof value !== 'object' || Array.isArray(value))
    ) {
      throw new DomainError('VALIDATION_FAILED', 'The request body must be a JSON object', {
        body: ['must be a JSON object'],
      });
    }
    if (
      (metadata.type === 'body' || metadata.type === 'query') &&
      typeof metadata.metatype === 'function' &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      this.toValidate(metadata)
    ) {
      const valid = compileValidation(metadata.metatype as new () => object)?.(
        value as Record<string, unknown>,
      );
      if (valid) return valid;
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
  return new ContractValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const fields = Object.keys(details);
      return new DomainError(
        'VALIDATION_FAILED',
        `Invalid input: ${fields.slice(0, 5).join(', ')}${fields.length > 5 ? ', …' : ''}`,
        details,
      );
    },
  });
}
