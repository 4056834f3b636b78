import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { SERVICE_ITEM_CATEGORIES, type ServiceItemCategory } from '@haochaping/domain';

import { IsIn, IsOptional } from 'class-validator';
import { PaginationQuery } from '../../common/pagination.dto';
import { IsCode, IsId, IsQueryId, IsText } from '../../common/validators';

/**
 * PATCH bodies: every field may be left out, none set to null (a NOT NULL column) unless the
 * field itself allows null (a staff member's windowId).
 */
const PATCH = { skipNullProperties: false };

export class CreateDepartmentDto {
  @ApiProperty({ example: 'SCJG', maxLength: 32 })
  @IsCode(32)
  code!: string;

  @ApiProperty({ example: '市场监督管理局', maxLength: 100 })
  @IsText(1, 100)
  name!: string;
}
export class UpdateDepartmentDto extends PartialType(CreateDepartmentDto, PATCH) {}

export class CreateWindowDto {
  @ApiProperty({ example: 'W-A01', maxLength: 32 })
  @IsCode(32)
  code!: string;

  @ApiProperty({ example: 'A01 综合受理窗口', maxLength: 100 })
  @IsText(1, 100)
  name!: string;

  @ApiProperty({ example: 1 })
  @IsId()
  departmentId!: number;
}
export class UpdateWindowDto extends PartialType(CreateWindowDto, PATCH) {}

export class CreateStaffDto {
  @ApiProperty({ example: 'S0001', maxLength: 32 })
  @IsCode(32)
  staffNo!: string;

  @ApiProperty({ example: '张敏', maxLength: 50 })
  @IsText(1, 50)
  name!: string;

  @ApiProperty({ example: 1 })
  @IsId()
  departmentId!: number;

  @ApiPropertyOptional({ type: 'integer', example: 1, nullable: true })
  @IsOptional()
  @IsId()
  windowId?: number | null;
}
export class UpdateStaffDto extends PartialType(CreateStaffDto, PATCH) {}

export class CreateServiceItemDto {
  @ApiProperty({ example: '11370100MB28505Q-XK-001', maxLength: 64 })
  @IsCode(64)
  code!: string;

  @ApiProperty({ example: '食品经营许可', maxLength: 200 })
  @IsText(1, 200)
  name!: string;

  @ApiProperty({ enum: SERVICE_ITEM_CATEGORIES })
  @IsIn(SERVICE_ITEM_CATEGORIES, {
    message: `category must be one of: ${SERVICE_ITEM_CATEGORIES.join(', ')}`,
  })
  category!: ServiceItemCategory;

  @ApiProperty({ example: 1 })
  @IsId()
  departmentId!: number;
}
export class UpdateServiceItemDto extends PartialType(CreateServiceItemDto, PATCH) {}

/** List query of windows, staff and service items: paging plus an optional department filter. */
export class DepartmentScopedQuery extends PaginationQuery {
  @ApiPropertyOptional({ type: 'integer' })
  @IsQueryId()
  departmentId?: number;
}
