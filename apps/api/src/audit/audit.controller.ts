import { Get, Query } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Roles } from '../auth/decorators';
import { PaginationQuery } from '../common/pagination.dto';
import { AuditService } from './audit.service';
import type { AuditEntry } from './entities/audit-entry.entity';
import { ApiErrors, ApiPageResponse } from '../common/api-docs';
import { AuditEntryResponse } from './dto/audit-entry.response';
import { BearerController } from '../common/routes';

class AuditQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: 'ticket' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,32}$/, { message: 'entity must be a lower-case entity name' })
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;
}

@BearerController('audit', 'audit')
@Roles('supervisor', 'admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiPageResponse(AuditEntryResponse)
  @ApiErrors(400, 401, 403)
  list(@Query() q: AuditQuery): Promise<Page<AuditEntry>> {
    return this.audit.list({ entity: q.entity, entityId: q.entityId }, q.page, q.pageSize);
  }
}
