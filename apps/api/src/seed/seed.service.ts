import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { generatePassword, hashPassword } from '../auth/password';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Department } from '../organisation/entities/department.entity';
import { ServiceItem } from '../organisation/entities/service-item.entity';
import { ServiceWindow } from '../organisation/entities/service-window.entity';
import { Staff } from '../organisation/entities/staff.entity';
import { User } from '../users/entities/user.entity';
import { RatingsService } from '../ratings/ratings.service';
import { TransactionsService } from '../transactions/transactions.service';
import { UsersService } from '../users/users.service';
import { DEMO_DEPARTMENTS } from './demo-organisation';
import { Clock } from '../common/clock';

/** Start-up data: the bootstrap admin and, outside production, the demo centre. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly transactions: TransactionsService,
    private readonly ratings: RatingsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.adminUsername && this.config.adminPassword) {
      const created = await this.users.ensureAdmin(
        this.config.adminUsername,
        this.config.adminPassword,
      );
      if (created)
        this.logger.log(`Created admin "${this.config.adminUsername}" from ADMIN_USERNAME`);
    }
    if (this.config.demoData && !this.config.production) await this.seedDemo();
  }

  /** Seeds only an empty organisation, in one transaction, so a restart never duplicates it. */
  async seedDemo(): Promise<void> {
    const passwords = await this.dataSource.transaction(async (em) => {
      if ((await em.count(Department)) > 0) return null;
      let firstDepartmentId = 0;
      let firstWindowId = 0;
      for (const d of DEMO_DEPARTMENTS) {
        const department = await em.save(em.create(Department, { code: d.code, name: d.name }));
        firstDepartmentId ||= department.id;
        for (const w of d.windows) {
          const window = await em.save(
            em.create(ServiceWindow, { code: w.code, name: w.name, departmentId: department.id }),
          );
          firstWindowId ||= window.id;
          for (const [staffNo, name] of w.staff) {
            await em.save(
              em.create(Staff, { staffNo, name, departmentId: department.id, windowId: window.id }),
            );
          }
        }
        for (const [code, name, category] of d.items) {
          await em.save(
            em.create(ServiceItem, { code, name, category, departmentId: department.id }),
          );
        }
      }
      const demoUsers = [
        { username: 'demo-admin', role: 'admin' as const, departmentId: null, windowId: null },
        {
          username: 'demo-supervisor',
          role: 'supervisor' as const,
          departmentId: null,
          windowId: null,
        },
        {
          username: 'demo-department',
          role: 'department' as const,
          departmentId: firstDepartmentId,
          windowId: null,
        },
        {
          username: 'demo-window',
          role: 'window' as const,
          departmentId: firstDepartmentId,
          windowId: firstWindowId,
        },
      ];
      const created: [string, string][] = [];
      for (const u of demoUsers) {
        if (await em.existsBy(User, { username: u.username })) continue;
        const password = generatePassword();
        await em.save(
          em.create(User, {
            ...u,
            passwordHash: await hashPassword(password),
            enabled: true,
            failedLogins: 0,
          }),
        );
        created.push([u.username, password]);
      }
      return created;
    });
    if (!passwords) return;
    const ratingUrl = await this.seedDemoActivity();
    // Printed once, here only: the passwords are random and stored hashed.
    this.logger.log(
      `Demo centre seeded (${DEMO_DEPARTMENTS.length} departments). Demo logins, shown once: ` +
        passwords.map(([u, p]) => `${u} / ${p}`).join(', '),
    );
    this.logger.log(`Try rating a demo transaction: ${ratingUrl}`);
  }

  /**
   * This month's activity through the real services (so tickets and score rollups are right):
   * transactions at every window, most of them rated, a few badly; one left unrated to try.
   */
  private async seedDemoActivity(): Promise<string> {
    const em = this.dataSource.manager;
    const staff = await em.find(Staff, { order: { id: 'ASC' } });
    const windows = new Map((await em.find(ServiceWindow)).map((w) => [w.id, w.code]));
    const items = await em.find(ServiceItem, { order: { id: 'ASC' } });
    const system = { kind: 'apiKey' as const, apiKeyId: 0, name: 'demo' };
    const levels = [5, 5, 5, 4, 5, 5, 3, 5, 4, 5, 5, 2, 5, 5, 4, 5, 1, 5, 5, 5];
    const channels = ['window_qr', 'miniapp', 'window_qr', 'tablet'] as const;
    let tryUrl = '';
    let n = 0;
    for (const member of staff) {
      const item = items.find((i) => i.departmentId === member.departmentId) ?? items[0];
      for (let k = 0; k < 8; k++, n++) {
        const finishedAt = new Date(this.clock.nowMs() - (n % 48) * 3600_000 - 600_000);
        const { transaction } = await this.transactions.register(
          {
            transactionNo: `DEMO-${String(n + 1).padStart(5, '0')}`,
            serviceItemCode: item.code,
            windowCode: windows.get(member.windowId ?? 0) ?? '',
            staffNo: member.staffNo,
            finishedAt: finishedAt.toISOString(),
          },
          system,
        );
        if (k === 7) {
          tryUrl ||= transaction.ratingUrl;
          continue; // finished but not rated: the rating rate is not 100 %
        }
        const level = levels[n % levels.length];
        await this.ratings.submit(
          {
            token: transaction.ratingToken,
            level,
            channel: channels[n % channels.length],
            ...(level <= 2
              ? {
                  contactPhone: `1380013${String(n).padStart(4, '0')}`,
                  comment: '材料要求没有一次说清楚',
                }
              : {}),
          },
          { ip: null, userAgent: 'demo-seed', idempotencyKey: null, citizenId: null },
        );
      }
    }
    return tryUrl;
  }
}
