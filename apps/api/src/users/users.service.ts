import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  PASSWORD_PROBLEM_MESSAGES,
  passwordProblem,
  type Page,
  type Role,
} from '@haochaping/domain';
import { EntityManager, Not, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { DomainError, invalidField, notFound } from '../common/domain-error';
import { OrganisationService } from '../organisation/organisation.service';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { toUserView, type UserView } from './user.view';
import { isUniqueViolation } from '../database/errors';

const duplicateUsername = (username: string): DomainError =>
  new DomainError('DUPLICATE_USERNAME', `username "${username}" is already in use`, {
    username: ['username already exists'],
  });

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly org: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateUserDto): Promise<UserView> {
    refuseStrayScope(dto.role, dto.departmentId, dto.windowId);
    const scope = await this.scopeFor(dto.role, dto.departmentId ?? null, dto.windowId ?? null);
    if (dto.role === 'window' && dto.departmentId && dto.departmentId !== scope.departmentId) {
      throw invalidField('departmentId', 'departmentId is not the department of the window');
    }
    if (await this.users.existsBy({ username: dto.username }))
      throw duplicateUsername(dto.username);
    const user = this.users.create({
      username: dto.username,
      passwordHash: await hashPassword(dto.password),
      role: dto.role,
      ...scope,
      enabled: true,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
    });
    try {
      return await this.users.manager.transaction(async (em) => {
        const saved = toUserView(await em.save(user));
        await this.audit.record(
          { action: 'user.create', entity: 'user', entityId: saved.id, after: { ...saved } },
          em,
        );
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateUsername(dto.username);
      throw error;
    }
  }

  async list(page: number, pageSize: number): Promise<Page<UserView>> {
    const [rows, total] = await this.users.findAndCount({
      order: { id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toUserView), total, page, pageSize };
  }

  async get(id: number): Promise<UserView> {
    return toUserView(await this.find(id));
  }

  async update(id: number, dto: UpdateUserDto, actingUserId: number | null): Promise<UserView> {
    const user = await this.find(id);
    const before = toUserView(user);
    const role = dto.role ?? user.role;
    refuseStrayScope(role, dto.departmentId, dto.windowId);
    // Nobody locks the centre out of its administration: an admin keeps their own account, and
    // the last enabled admin stays an enabled admin.
    const losesAdmin =
      user.role === 'admin' && user.enabled && (role !== 'admin' || dto.enabled === false);
    if (losesAdmin) {
      const others = await this.users.countBy({ role: 'admin', enabled: true, id: Not(id) });
      if (id === actingUserId || others === 0) {
        throw new DomainError(
          'LAST_ADMIN',
          id === actingUserId
            ? 'An administrator cannot disable or demote their own account'
            : 'The last enabled administrator cannot be disabled or demoted',
        );
      }
    }
    const scope = await this.scopeFor(
      role,
      dto.departmentId === undefined ? user.departmentId : dto.departmentId,
      dto.windowId === undefined ? user.windowId : dto.windowId,
    );
    Object.assign(user, { role, ...scope });
    if (dto.enabled !== undefined) user.enabled = dto.enabled;
    if (dto.password) {
      if (passwordProblem(dto.password, user.username) === 'contains_username') {
        throw invalidField('password', PASSWORD_PROBLEM_MESSAGES.contains_username);
      }
      user.passwordHash = await hashPassword(dto.password);
      user.tokenVersion += 1;
      user.failedLogins = 0;
      user.lockedUntil = null;
    }
    return this.users.manager.transaction(async (em) => {
      const saved = toUserView(await em.save(user));
      const after = { ...saved, ...(dto.password ? { passwordChanged: true } : {}) };
      await this.audit.record(
        { action: 'user.update', entity: 'user', entityId: id, before: { ...before }, after },
        em,
      );
      return saved;
    });
  }

  /** Creates the bootstrap admin unless an admin exists already. Returns whether it did. */
  async ensureAdmin(username: string, password: string): Promise<boolean> {
    if (await this.users.existsBy({ role: 'admin' })) return false;
    await this.create({ username, password, role: 'admin' });
    return true;
  }

  /**
   * The enabled users a staff notice goes to, read inside the caller's transaction: a
   * department's handlers, the supervisors, or one user (if still enabled).
   */
  async noticeRecipients(
    em: EntityManager,
    to: { handlersOf: number } | { supervisors: true } | { userId: number },
  ): Promise<number[]> {
    const where: Record<string, string | number> =
      'handlersOf' in to
        ? { role: 'department', departmentId: to.handlersOf }
        : 'supervisors' in to
          ? { role: 'supervisor' }
          : { id: to.userId };
    // A plain parameterised read: this runs inside every bad rating's write (the ORM's find built
    // the statement anew each time, 2.5 % of the ingest CPU).
    const escape = (name: string) => em.connection.driver.escape(name);
    const table = escape(em.connection.getMetadata(User).tableName);
    const conditions = [...Object.keys(where), 'enabled'].map((k) => `${escape(k)} = ?`);
    const rows = await em.query<{ id: number | string }[]>(
      `SELECT ${escape('id')} AS ${escape('id')} FROM ${table} WHERE ${conditions.join(' AND ')} ORDER BY ${escape('id')}`,
      [...Object.values(where), 1],
    );
    return rows.map((u) => Number(u.id));
  }

  private async find(id: number): Promise<User> {
    return (await this.users.findOneBy({ id })) ?? Promise.reject(notFound('User'));
  }

  /**
   * A department handler belongs to one department, a window clerk to one window (and so to its
   * department); admins and supervisors see everything and carry neither.
   */
  private async scopeFor(
    role: Role,
    departmentId: number | null,
    windowId: number | null,
  ): Promise<{ departmentId: number | null; windowId: number | null }> {
    switch (role) {
      case 'admin':
      case 'supervisor':
        return { departmentId: null, windowId: null };
      case 'department':
        if (!departmentId)
          throw invalidField('departmentId', 'role "department" needs departmentId');
        await this.org.requireDepartment(departmentId);
        return { departmentId, windowId: null };
      case 'window': {
        if (!windowId) throw invalidField('windowId', 'role "window" needs windowId');
        const window = await this.org.requireWindowOf(windowId);
        return { departmentId: window.departmentId, windowId };
      }
    }
  }
}

/**
 * A scope the role does not carry is a mistake of the caller, not something to drop silently:
 * admins and supervisors have neither department nor window, a department handler no window.
 */
function refuseStrayScope(
  role: Role,
  departmentId: number | null | undefined,
  windowId: number | null | undefined,
): void {
  if ((role === 'admin' || role === 'supervisor') && departmentId != null) {
    throw invalidField('departmentId', `role "${role}" has no department`);
  }
  if (role !== 'window' && windowId != null) {
    throw invalidField('windowId', `role "${role}" has no window`);
  }
}
