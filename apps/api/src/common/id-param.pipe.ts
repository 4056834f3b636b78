import { Injectable, PipeTransform } from '@nestjs/common';
import { invalidField } from './domain-error';
import { MAX_ID } from './validators';

/**
 * `:id` path parameters: the decimal text of a whole number from 1 to 2147483647, else 400. The
 * global ValidationPipe leaves path parameters as text (see validation.ts), so `abc`, `1.5`,
 * `1e3` or `0x10` are refused here rather than read by Number() as NaN, 1000 or 16. A
 * well-formed id that names nothing is the service's 404.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const text = typeof value === 'string' ? value : String(value);
    if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > MAX_ID) {
      throw invalidField('id', `id must be a whole number from 1 to ${MAX_ID}`);
    }
    return Number(text);
  }
}
