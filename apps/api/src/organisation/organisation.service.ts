import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { UnitType } from '@haochaping/domain';
import type { Page } from '@haochaping/domain';
import { FindOptionsWhere, In, ObjectLiteral, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, invalidField, notFound } from '../common/domain-error';
import type {
  CreateDepartmentDto,
  CreateServiceItemDto,
  CreateStaffDto,
  CreateWindowDto,
  UpdateDepartmentDto,
  UpdateServiceItemDto,
  UpdateStaffDto,
  UpdateWindowDto,
} from './dto/organisation.dto';
import { Department } from './entities/department.entity';
import { ServiceItem } from './entities/service-item.entity';
import { ServiceWindow } from './entities/service-window.entity';
import { Staff } from './entities/staff.entity';
import { isUniqueViolation } from '../database/errors';

const duplicate = (field: string, value: string): DomainError =>
  new DomainError('DUPLICATE_CODE', `${field} "${value}" is already in use`, {
    [field]: [`${field} already exists`],
  });

async function pageOf<T extends ObjectLiteral>(
  repo: Repository<T>,
  where: FindOptionsWhere<T>,
  page: number,
  pageSize: number,
): Promise<Page<T>> {
  const [items, total] = await repo.findAndCount({
    where,
    order: { id: 'ASC' } as never,
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  return { items, total, page, pageSize };
}

/** Departments, windows, staff and service items: the organisation the ratings refer to. */
@Injectable()
export class OrganisationService {
  private readonly changeHandlers: (() => void)[] = [];

  constructor(
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    @InjectRepository(ServiceWindow) private readonly windows: Repository<ServiceWindow>,
    @InjectRepository(Staff) private readonly staff: Repository<Staff>,
    @InjectRepository(ServiceItem) private readonly items: Repository<ServiceItem>,
    private readonly audit: AuditService,
  ) {}

  /** Lets a feature forget what it derived from units (names, codes): called after each commit. */
  onChange(handler: () => void): void {
    this.changeHandlers.push(handler);
  }

  /**
   * Saves and audits in one transaction. A unique-key race lost at the database is reported the
   * same way as the pre-check.
   */
  private async persist<T extends ObjectLiteral & { id: number }>(
    repo: Repository<T>,
    entity: T,
    field: string,
    value: string,
    before?: Record<string, unknown>,
  ): Promise<T> {
    const name = repo.metadata.tableName.replace(/s$/, '');
    try {
      const result = await repo.manager.transaction(async (em) => {
        const saved = await em.save(repo.target, entity);
        await this.audit.record(
          {
            action: `${name}.${before ? 'update' : 'create'}`,
            entity: name,
            entityId: saved.id,
            before,
            after: { ...saved },
          },
          em,
        );
        return saved;
      });
      for (const handler of this.changeHandlers) handler();
      return result;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw duplicate(field, value);
      }
      throw error;
    }
  }

  // Departments

  async createDepartment(dto: CreateDepartmentDto): Promise<Department> {
    if (await this.departments.existsBy({ code: dto.code })) throw duplicate('code', dto.code);
    return this.persist(this.departments, this.departments.create(dto), 'code', dto.code);
  }

  listDepartments(page: number, pageSize: number): Promise<Page<Department>> {
    return pageOf(this.departments, {}, page, pageSize);
  }

  async getDepartment(id: number): Promise<Department> {
    return (await this.departments.findOneBy({ id })) ?? Promise.reject(notFound('Department'));
  }

  async updateDepartment(id: number, dto: UpdateDepartmentDto): Promise<Department> {
    const department = await this.getDepartment(id);
    if (
      dto.code &&
      dto.code !== department.code &&
      (await this.departments.existsBy({ code: dto.code }))
    ) {
      throw duplicate('code', dto.code);
    }
    const before = { ...department };
    return this.persist(
      this.departments,
      Object.assign(department, dto),
      'code',
      dto.code ?? '',
      before,
    );
  }

  // Windows

  async createWindow(dto: CreateWindowDto): Promise<ServiceWindow> {
    await this.requireDepartment(dto.departmentId);
    if (await this.windows.existsBy({ code: dto.code })) throw duplicate('code', dto.code);
    return this.persist(this.windows, this.windows.create(dto), 'code', dto.code);
  }

  listWindows(page: number, pageSize: number, departmentId?: number): Promise<Page<ServiceWindow>> {
    return pageOf(this.windows, departmentId ? { departmentId } : {}, page, pageSize);
  }

  async getWindow(id: number): Promise<ServiceWindow> {
    return (await this.windows.findOneBy({ id })) ?? Promise.reject(notFound('Window'));
  }

  async updateWindow(id: number, dto: UpdateWindowDto): Promise<ServiceWindow> {
    const window = await this.getWindow(id);
    if (dto.departmentId !== undefined) await this.requireDepartment(dto.departmentId);
    if (dto.code && dto.code !== window.code && (await this.windows.existsBy({ code: dto.code }))) {
      throw duplicate('code', dto.code);
    }
    const before = { ...window };
    return this.persist(this.windows, Object.assign(window, dto), 'code', dto.code ?? '', before);
  }

  // Staff

  async createStaff(dto: CreateStaffDto): Promise<Staff> {
    await this.requireDepartment(dto.departmentId);
    if (dto.windowId) await this.requireWindowOf(dto.windowId, dto.departmentId);
    if (await this.staff.existsBy({ staffNo: dto.staffNo }))
      throw duplicate('staffNo', dto.staffNo);
    const entity = this.staff.create({ ...dto, windowId: dto.windowId ?? null });
    return this.persist(this.staff, entity, 'staffNo', dto.staffNo);
  }

  listStaff(page: number, pageSize: number, departmentId?: number): Promise<Page<Staff>> {
    return pageOf(this.staff, departmentId ? { departmentId } : {}, page, pageSize);
  }

  async getStaff(id: number): Promise<Staff> {
    return (await this.staff.findOneBy({ id })) ?? Promise.reject(notFound('Staff member'));
  }

  async updateStaff(id: number, dto: UpdateStaffDto): Promise<Staff> {
    const member = await this.getStaff(id);
    const departmentId = dto.departmentId ?? member.departmentId;
    const windowId = dto.windowId === undefined ? member.windowId : dto.windowId;
    if (dto.departmentId !== undefined) await this.requireDepartment(departmentId);
    if (windowId) await this.requireWindowOf(windowId, departmentId);
    if (
      dto.staffNo &&
      dto.staffNo !== member.staffNo &&
      (await this.staff.existsBy({ staffNo: dto.staffNo }))
    ) {
      throw duplicate('staffNo', dto.staffNo);
    }
    const before = { ...member };
    Object.assign(member, dto, { windowId: windowId ?? null });
    return this.persist(this.staff, member, 'staffNo', dto.staffNo ?? '', before);
  }

  // Service items

  async createServiceItem(dto: CreateServiceItemDto): Promise<ServiceItem> {
    await this.requireDepartment(dto.departmentId);
    if (await this.items.existsBy({ code: dto.code })) throw duplicate('code', dto.code);
    return this.persist(this.items, this.items.create(dto), 'code', dto.code);
  }

  listServiceItems(
    page: number,
    pageSize: number,
    departmentId?: number,
  ): Promise<Page<ServiceItem>> {
    return pageOf(this.items, departmentId ? { departmentId } : {}, page, pageSize);
  }

  async getServiceItem(id: number): Promise<ServiceItem> {
    return (await this.items.findOneBy({ id })) ?? Promise.reject(notFound('Service item'));
  }

  async updateServiceItem(id: number, dto: UpdateServiceItemDto): Promise<ServiceItem> {
    const item = await this.getServiceItem(id);
    if (dto.departmentId !== undefined) await this.requireDepartment(dto.departmentId);
    if (dto.code && dto.code !== item.code && (await this.items.existsBy({ code: dto.code }))) {
      throw duplicate('code', dto.code);
    }
    const before = { ...item };
    return this.persist(this.items, Object.assign(item, dto), 'code', dto.code ?? '', before);
  }

  // References

  async requireDepartment(id: number): Promise<Department> {
    const department = await this.departments.findOneBy({ id });
    if (!department) throw invalidField('departmentId', `department ${id} does not exist`);
    return department;
  }

  async requireWindowOf(windowId: number, departmentId?: number): Promise<ServiceWindow> {
    const window = await this.windows.findOneBy({ id: windowId });
    if (!window) throw invalidField('windowId', `window ${windowId} does not exist`);
    if (departmentId !== undefined && window.departmentId !== departmentId) {
      throw invalidField('windowId', `window ${windowId} belongs to another department`);
    }
    return window;
  }

  /**
   * Every unit of one kind, as the score tables list them (staff by staff number): one plain
   * SELECT of four columns. Hydrating 6,000 Staff entities cost ~30 ms and their garbage, twice
   * for each month's scores computed (docs/benchmarks.md, change 8).
   */
  async units(by: UnitType): Promise<ScoredUnit[]> {
    const [repository, code, department] =
      by === 'department'
        ? [this.departments, 'code', null]
        : by === 'window'
          ? [this.windows, 'code', 'departmentId']
          : [this.staff, 'staffNo', 'departmentId'];
    const connection = repository.manager.connection;
    const e = (name: string) => connection.driver.escape(name);
    const rows = await repository.manager.query<Record<string, unknown>[]>(
      `SELECT ${e('id')} AS ${e('id')}, ${e(code)} AS ${e('code')}, ${e('name')} AS ${e('name')}` +
        (department ? `, ${e(department)} AS ${e('departmentId')}` : '') +
        ` FROM ${e(repository.metadata.tableName)} ORDER BY ${e('id')}`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      code: String(r.code),
      name: String(r.name),
      departmentId:
        r.departmentId === null || r.departmentId === undefined ? null : Number(r.departmentId),
    }));
  }

  /**
   * The organisation rows a page of transactions, ratings or tickets names, four look-ups in
   * all whatever the page size. For other features' views (names on a ticket, summaries).
   */
  async lookup(ids: {
    serviceItemIds?: number[];
    departmentIds?: number[];
    windowIds?: number[];
    staffIds?: number[];
  }): Promise<OrganisationLookup> {
    const byId = async <T extends { id: number }>(repo: Repository<T>, list: number[] = []) => {
      const unique = [...new Set(list)];
      const rows = unique.length
        ? await repo.findBy({ id: In(unique) } as FindOptionsWhere<T>)
        : [];
      return new Map(rows.map((row) => [row.id, row]));
    };
    const [items, departments, windows, staff] = await Promise.all([
      byId(this.items, ids.serviceItemIds),
      byId(this.departments, ids.departmentIds),
      byId(this.windows, ids.windowIds),
      byId(this.staff, ids.staffIds),
    ]);
    return { items, departments, windows, staff };
  }
}

/** A department, window or staff member as a row of the score tables. */
export interface ScoredUnit {
  id: number;
  code: string;
  name: string;
  departmentId: number | null;
}

export interface OrganisationLookup {
  items: Map<number, ServiceItem>;
  departments: Map<number, Department>;
  windows: Map<number, ServiceWindow>;
  staff: Map<number, Staff>;
}
