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
import { UsersService } from '../users/users.service';
import { DEMO_DEPARTMENTS } from './demo-organisation';

/** Start-up data: the bootstrap admin and, outside production, the demo centre. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
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
    // Printed once, here only: the passwords are random and stored hashed.
    this.logger.log(
      `Demo centre seeded (${DEMO_DEPARTMENTS.length} departments). Demo logins, shown once: ` +
        passwords.map(([u, p]) => `${u} / ${p}`).join(', '),
    );
  }
}
