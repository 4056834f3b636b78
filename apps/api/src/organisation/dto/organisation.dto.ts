import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { SERVICE_ITEM_CATEGORIES, type ServiceItemCategory } from '@haochaping/domain';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PaginationQuery } from '../../common/pagination.dto';

const CODE = /^[A-Za-z0-9_.-]+$/;
const CODE_MESSAGE = '$property may contain letters, digits, dot, dash and underscore only';

export class CreateDepartmentDto {
  @ApiProperty({ example: 'SCJG', maxLength: 32 })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ example: '市场监督管理局', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
}
export class UpdateDepartmentDto extends PartialType(CreateDepartmentDto) {}

export class CreateWindowDto {
  @ApiProperty({ example: 'W-A01', maxLength: 32 })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ example: 'A01 综合受理窗口', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  departmentId!: number;
}
export class UpdateWindowDto extends PartialType(CreateWindowDto) {}

export class CreateStaffDto {
  @ApiProperty({ example: 'S0001', maxLength: 32 })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  @Matches(CODE, { message: CODE_MESSAGE })
  staffNo!: string;

  @ApiProperty({ example: '张敏', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  departmentId!: number;

  @ApiPropertyOptional({ example: 1, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  windowId?: number | null;
}
export class UpdateStaffDto extends PartialType(CreateStaffDto) {}

export class CreateServiceItemDto {
  @ApiProperty({ example: '11370100MB28505Q-XK-001', maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ example: '食品经营许可', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: SERVICE_ITEM_CATEGORIES })
  @IsIn(SERVICE_ITEM_CATEGORIES, {
    message: `category must be one of: ${SERVICE_ITEM_CATEGORIES.join(', ')}`,
  })
  category!: ServiceItemCategory;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  departmentId!: number;
}
export class UpdateServiceItemDto extends PartialType(CreateServiceItemDto) {}

/** List query of windows, staff and service items: paging plus an optional department filter. */
export class DepartmentScopedQuery extends PaginationQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  departmentId?: number;
}
