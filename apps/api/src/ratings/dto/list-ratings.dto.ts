import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PaginationQuery } from '../../common/pagination.dto';

const id = () => [IsOptional(), Type(() => Number), IsInt(), Min(1), Max(2_147_483_647)];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

export class ListRatingsQuery extends PaginationQuery {
  @ApiPropertyOptional() @apply(id()) departmentId?: number;
  @ApiPropertyOptional() @apply(id()) windowId?: number;
  @ApiPropertyOptional() @apply(id()) staffId?: number;

  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  level?: number;

  @ApiPropertyOptional({ description: 'true: only voided ratings; false: only valid ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'voided must be true or false' })
  voided?: boolean;
}
