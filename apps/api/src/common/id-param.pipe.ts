import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-error';

/**
 * `:id` path parameters: a positive integer, otherwise 404 (an id that cannot exist). The global
 * ValidationPipe may already have turned the text into a number (or NaN), so accept either.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const text = String(value);
    if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) {
      throw new DomainError('NOT_FOUND', `No record with id "${text.slice(0, 20)}"`);
    }
    return Number(text);
  }
}
