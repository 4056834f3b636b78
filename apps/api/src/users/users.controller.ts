import { Body, Param, Query } from '@nestjs/common';
import type { Page } from '@haochaping/domain';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParamPipe } from '../common/id-param.pipe';
import { PaginationQuery } from '../common/pagination.dto';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import type { UserView } from './user.view';
import { UsersService } from './users.service';
import { BearerController, CreateRoute, GetRoute, ListRoute, UpdateRoute } from '../common/routes';
import { UserResponse } from './dto/user.response';

@BearerController('users', 'users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @CreateRoute(UserResponse, 400, 401, 403, 404, 409)
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(body);
  }

  @ListRoute(UserResponse)
  list(@Query() q: PaginationQuery): Promise<Page<UserView>> {
    return this.users.list(q.page, q.pageSize);
  }

  @GetRoute(UserResponse)
  get(@Param('id', IdParamPipe) id: number): Promise<UserView> {
    return this.users.get(id);
  }

  @UpdateRoute(UserResponse)
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserView> {
    return this.users.update(id, body, principal.kind === 'staff' ? principal.userId : null);
  }
}
