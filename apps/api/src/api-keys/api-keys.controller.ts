import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParamPipe } from '../common/id-param.pipe';
import { PaginationQuery } from '../common/pagination.dto';
import { ApiKeysService, type ApiKeyView } from './api-keys.service';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create a key for an integrating system; the key is shown only here' })
  create(
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApiKeyView & { key: string }> {
    return this.apiKeys.create(body.name, principal.kind === 'staff' ? principal.userId : 0);
  }

  @Get()
  list(@Query() query: PaginationQuery): Promise<Page<ApiKeyView>> {
    return this.apiKeys.list(query.page, query.pageSize);
  }

  @Post(':id/revoke')
  @ApiOperation({ summary: 'Disable a key at once' })
  revoke(@Param('id', IdParamPipe) id: number): Promise<ApiKeyView> {
    return this.apiKeys.revoke(id);
  }
}
