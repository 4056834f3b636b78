import { ApiKey } from '../api-keys/entities/api-key.entity';
import { Department } from '../organisation/entities/department.entity';
import { ServiceItem } from '../organisation/entities/service-item.entity';
import { ServiceWindow } from '../organisation/entities/service-window.entity';
import { Staff } from '../organisation/entities/staff.entity';
import { User } from '../users/entities/user.entity';

export const ENTITIES = [Department, ServiceWindow, Staff, ServiceItem, User, ApiKey];
