import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { Roles } from '../auth/decorators';
import { IdParamPipe } from '../common/id-param.pipe';
import { PaginationQuery } from '../common/pagination.dto';
import {
  CreateDepartmentDto,
  CreateServiceItemDto,
  CreateStaffDto,
  CreateWindowDto,
  DepartmentScopedQuery,
  UpdateDepartmentDto,
  UpdateServiceItemDto,
  UpdateStaffDto,
  UpdateWindowDto,
} from './dto/organisation.dto';
import type { Department } from './entities/department.entity';
import type { ServiceItem } from './entities/service-item.entity';
import type { ServiceWindow } from './entities/service-window.entity';
import type { Staff } from './entities/staff.entity';
import { OrganisationService } from './organisation.service';
import { ApiErrors, ApiPageResponse } from '../common/api-docs';
import {
  DepartmentResponse,
  ServiceItemResponse,
  StaffResponse,
  WindowResponse,
} from './dto/organisation.response';

/*
 * Organisation lists and edits. Any staff role reads (a window clerk picks its staff, a handler
 * sees department names); only an admin writes.
 */

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly org: OrganisationService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: DepartmentResponse })
  @ApiErrors(400, 401, 403, 409)
  create(@Body() body: CreateDepartmentDto): Promise<Department> {
    return this.org.createDepartment(body);
  }

  @Get()
  @ApiPageResponse(DepartmentResponse)
  @ApiErrors(400, 401, 403)
  list(@Query() q: PaginationQuery): Promise<Page<Department>> {
    return this.org.listDepartments(q.page, q.pageSize);
  }

  @Get(':id')
  @ApiOkResponse({ type: DepartmentResponse })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('id', IdParamPipe) id: number): Promise<Department> {
    return this.org.getDepartment(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: DepartmentResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateDepartmentDto,
  ): Promise<Department> {
    return this.org.updateDepartment(id, body);
  }
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('windows')
export class WindowsController {
  constructor(private readonly org: OrganisationService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: WindowResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  create(@Body() body: CreateWindowDto): Promise<ServiceWindow> {
    return this.org.createWindow(body);
  }

  @Get()
  @ApiPageResponse(WindowResponse)
  @ApiErrors(400, 401, 403)
  list(@Query() q: DepartmentScopedQuery): Promise<Page<ServiceWindow>> {
    return this.org.listWindows(q.page, q.pageSize, q.departmentId);
  }

  @Get(':id')
  @ApiOkResponse({ type: WindowResponse })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('id', IdParamPipe) id: number): Promise<ServiceWindow> {
    return this.org.getWindow(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: WindowResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateWindowDto,
  ): Promise<ServiceWindow> {
    return this.org.updateWindow(id, body);
  }
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(private readonly org: OrganisationService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: StaffResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  create(@Body() body: CreateStaffDto): Promise<Staff> {
    return this.org.createStaff(body);
  }

  @Get()
  @ApiPageResponse(StaffResponse)
  @ApiErrors(400, 401, 403)
  list(@Query() q: DepartmentScopedQuery): Promise<Page<Staff>> {
    return this.org.listStaff(q.page, q.pageSize, q.departmentId);
  }

  @Get(':id')
  @ApiOkResponse({ type: StaffResponse })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('id', IdParamPipe) id: number): Promise<Staff> {
    return this.org.getStaff(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: StaffResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  update(@Param('id', IdParamPipe) id: number, @Body() body: UpdateStaffDto): Promise<Staff> {
    return this.org.updateStaff(id, body);
  }
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('service-items')
export class ServiceItemsController {
  constructor(private readonly org: OrganisationService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: ServiceItemResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  create(@Body() body: CreateServiceItemDto): Promise<ServiceItem> {
    return this.org.createServiceItem(body);
  }

  @Get()
  @ApiPageResponse(ServiceItemResponse)
  @ApiErrors(400, 401, 403)
  list(@Query() q: DepartmentScopedQuery): Promise<Page<ServiceItem>> {
    return this.org.listServiceItems(q.page, q.pageSize, q.departmentId);
  }

  @Get(':id')
  @ApiOkResponse({ type: ServiceItemResponse })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('id', IdParamPipe) id: number): Promise<ServiceItem> {
    return this.org.getServiceItem(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: ServiceItemResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateServiceItemDto,
  ): Promise<ServiceItem> {
    return this.org.updateServiceItem(id, body);
  }
}
