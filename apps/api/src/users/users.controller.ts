import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { Roles } from '../auth/decorators';
import { IdParamPipe } from '../common/id-param.pipe';
import { PaginationQuery } from '../common/pagination.dto';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import type { UserView } from './user.view';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(body);
  }

  @Get()
  list(@Query() q: PaginationQuery): Promise<Page<UserView>> {
    return this.users.list(q.page, q.pageSize);
  }

  @Get(':id')
  get(@Param('id', IdParamPipe) id: number): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  update(@Param('id', IdParamPipe) id: number, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, body);
  }
}
