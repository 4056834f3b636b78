import { Body, Param, Query } from '@nestjs/common';
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
import { BearerController, CreateRoute, GetRoute, ListRoute, UpdateRoute } from '../common/routes';
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

@BearerController('organisation', 'departments')
export class DepartmentsController {
  constructor(private readonly org: OrganisationService) {}

  @CreateRoute(DepartmentResponse, 400, 401, 403, 409)
  @Roles('admin')
  create(@Body() body: CreateDepartmentDto): Promise<Department> {
    return this.org.createDepartment(body);
  }

  @ListRoute(DepartmentResponse)
  list(@Query() q: PaginationQuery): Promise<Page<Department>> {
    return this.org.listDepartments(q.page, q.pageSize);
  }

  @GetRoute(DepartmentResponse)
  get(@Param('id', IdParamPipe) id: number): Promise<Department> {
    return this.org.getDepartment(id);
  }

  @UpdateRoute(DepartmentResponse)
  @Roles('admin')
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateDepartmentDto,
  ): Promise<Department> {
    return this.org.updateDepartment(id, body);
  }
}

@BearerController('organisation', 'windows')
export class WindowsController {
  constructor(private readonly org: OrganisationService) {}

  @CreateRoute(WindowResponse, 400, 401, 403, 404, 409)
  @Roles('admin')
  create(@Body() body: CreateWindowDto): Promise<ServiceWindow> {
    return this.org.createWindow(body);
  }

  @ListRoute(WindowResponse)
  list(@Query() q: DepartmentScopedQuery): Promise<Page<ServiceWindow>> {
    return this.org.listWindows(q.page, q.pageSize, q.departmentId);
  }

  @GetRoute(WindowResponse)
  get(@Param('id', IdParamPipe) id: number): Promise<ServiceWindow> {
    return this.org.getWindow(id);
  }

  @UpdateRoute(WindowResponse)
  @Roles('admin')
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateWindowDto,
  ): Promise<ServiceWindow> {
    return this.org.updateWindow(id, body);
  }
}

@BearerController('organisation', 'staff')
export class StaffController {
  constructor(private readonly org: OrganisationService) {}

  @CreateRoute(StaffResponse, 400, 401, 403, 404, 409)
  @Roles('admin')
  create(@Body() body: CreateStaffDto): Promise<Staff> {
    return this.org.createStaff(body);
  }

  @ListRoute(StaffResponse)
  list(@Query() q: DepartmentScopedQuery): Promise<Page<Staff>> {
    return this.org.listStaff(q.page, q.pageSize, q.departmentId);
  }

  @GetRoute(StaffResponse)
  get(@Param('id', IdParamPipe) id: number): Promise<Staff> {
    return this.org.getStaff(id);
  }

  @UpdateRoute(StaffResponse)
  @Roles('admin')
  update(@Param('id', IdParamPipe) id: number, @Body() body: UpdateStaffDto): Promise<Staff> {
    return this.org.updateStaff(id, body);
  }
}

@BearerController('organisation', 'service-items')
export class ServiceItemsController {
  constructor(private readonly org: OrganisationService) {}

  @CreateRoute(ServiceItemResponse, 400, 401, 403, 404, 409)
  @Roles('admin')
  create(@Body() body: CreateServiceItemDto): Promise<ServiceItem> {
    return this.org.createServiceItem(body);
  }

  @ListRoute(ServiceItemResponse)
  list(@Query() q: DepartmentScopedQuery): Promise<Page<ServiceItem>> {
    return this.org.listServiceItems(q.page, q.pageSize, q.departmentId);
  }

  @GetRoute(ServiceItemResponse)
  get(@Param('id', IdParamPipe) id: number): Promise<ServiceItem> {
    return this.org.getServiceItem(id);
  }

  @UpdateRoute(ServiceItemResponse)
  @Roles('admin')
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateServiceItemDto,
  ): Promise<ServiceItem> {
    return this.org.updateServiceItem(id, body);
  }
}
