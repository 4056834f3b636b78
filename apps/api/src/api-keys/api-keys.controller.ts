import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParamPipe } from '../common/id-param.pipe';
import { PaginationQuery } from '../common/pagination.dto';
import { ApiKeysService, type ApiKeyView } from './api-keys.service';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { ApiErrors, ApiPageResponse } from '../common/api-docs';
import { ApiKeyResponse, CreatedApiKeyResponse } from './dto/api-key.response';
import { ActionRoute, BearerController } from '../common/routes';

@BearerController('api-keys', 'api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create a key for an integrating system; the key is shown only here' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiErrors(400, 401, 403)
  create(
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApiKeyView & { key: string }> {
    return this.apiKeys.create(body.name, principal.kind === 'staff' ? principal.userId : 0);
  }

  @Get()
  @ApiPageResponse(ApiKeyResponse)
  @ApiErrors(400, 401, 403)
  list(@Query() query: PaginationQuery): Promise<Page<ApiKeyView>> {
    return this.apiKeys.list(query.page, query.pageSize);
  }

  @ActionRoute(':id/revoke', ApiKeyResponse, 400, 401, 403, 404)
  @ApiOperation({ summary: 'Disable a key at once' })
  revoke(@Param('id', IdParamPipe) id: number): Promise<ApiKeyView> {
    return this.apiKeys.revoke(id);
  }
}
