import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParamPipe } from '../common/id-param.pipe';
import { PaginationQuery } from '../common/pagination.dto';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import type { UserView } from './user.view';
import { UsersService } from './users.service';
import { ApiErrors, ApiPageResponse } from '../common/api-docs';
import { UserResponse } from './dto/user.response';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(body);
  }

  @Get()
  @ApiPageResponse(UserResponse)
  @ApiErrors(400, 401, 403)
  list(@Query() q: PaginationQuery): Promise<Page<UserView>> {
    return this.users.list(q.page, q.pageSize);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('id', IdParamPipe) id: number): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserView> {
    return this.users.update(id, body, principal.kind === 'staff' ? principal.userId : null);
  }
}
