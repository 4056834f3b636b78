import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PaginationQuery } from '../../common/pagination.dto';
import { IsLevel, IsMonth, IsQueryId } from '../../common/validators';

export class ListRatingsQuery extends PaginationQuery {
  @ApiPropertyOptional({ type: 'integer' }) @IsQueryId() departmentId?: number;
  @ApiPropertyOptional({ type: 'integer' }) @IsQueryId() windowId?: number;
  @ApiPropertyOptional({ type: 'integer' }) @IsQueryId() staffId?: number;

  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @IsMonth()
  month?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsLevel()
  level?: number;

  @ApiPropertyOptional({ description: 'true: only voided ratings; false: only valid ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'voided must be true or false' })
  voided?: boolean;

  @ApiPropertyOptional({
    description: 'true: only default ratings (默认评价); false: only ratings given by people',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'isDefault must be true or false' })
  isDefault?: boolean;
}
