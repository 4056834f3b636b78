import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { MAX_ID } from '../../common/validators';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class NoticeListQuery {
  @ApiPropertyOptional({ description: 'true: unread only; false: read only; absent: all' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 50;
}

export class MarkNoticesReadDto {
  @ApiProperty({ type: 'integer', isArray: true, minItems: 1, maxItems: 100, maximum: MAX_ID })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsInt({ each: true, message: 'ids must be whole numbers' })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  ids!: number[];
}
