import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from './entities/department.entity';
import { ServiceItem } from './entities/service-item.entity';
import { ServiceWindow } from './entities/service-window.entity';
import { Staff } from './entities/staff.entity';
import {
  DepartmentsController,
  ServiceItemsController,
  StaffController,
  WindowsController,
} from './organisation.controllers';
import { OrganisationService } from './organisation.service';
import { AuditModule } from '../audit/audit.module';

@Module({
  imports: [AuditModule, TypeOrmModule.forFeature([Department, ServiceWindow, Staff, ServiceItem])],
  controllers: [DepartmentsController, WindowsController, StaffController, ServiceItemsController],
  providers: [OrganisationService],
  exports: [OrganisationService],
})
export class OrganisationModule {}
