import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { SERVICE_ITEM_CATEGORIES, type ServiceItemCategory } from '@haochaping/domain';

import { IsIn, IsOptional, Matches } from 'class-validator';
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

  @ApiPropertyOptional({
    example: '11370100MB28505Q1X',
    nullable: true,
    description:
      '统一社会信用代码 (18 characters): the deptCode of pushes to the provincial platform',
  })
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, {
    message:
      'creditCode must be an 18-character 统一社会信用代码 (digits and capitals, no I O Z S V)',
  })
  creditCode?: string | null;
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

  @ApiPropertyOptional({
    example: '11370100MB28505Q1X4000117001',
    maxLength: 64,
    nullable: true,
    description:
      'The national service item code (国家标准事项编码); items without one (自建事项) are not pushed to the provincial platform',
  })
  @IsOptional()
  @Matches(/^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/, {
    message: 'nationalCode must be 1–64 letters, digits, - or _',
  })
  nationalCode?: string | null;
}
export class UpdateServiceItemDto extends PartialType(CreateServiceItemDto, PATCH) {}

/** List query of windows, staff and service items: paging plus an optional department filter. */
export class DepartmentScopedQuery extends PaginationQuery {
  @ApiPropertyOptional({ type: 'integer' })
  @IsQueryId()
  departmentId?: number;
}
