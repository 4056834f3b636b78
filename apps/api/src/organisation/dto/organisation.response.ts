import { SERVICE_ITEM_CATEGORIES } from '@haochaping/domain';
import { DateTime, Int, Str } from '../../common/response-types';

class Timestamps {
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
}

export class DepartmentResponse extends Timestamps {
  @Int() id!: number;
  @Str() code!: string;
  @Str() name!: string;
  @Str({ description: '统一社会信用代码' }, true) creditCode!: string | null;
}

export class WindowResponse extends Timestamps {
  @Int() id!: number;
  @Str() code!: string;
  @Str() name!: string;
  @Int() departmentId!: number;
}

export class StaffResponse extends Timestamps {
  @Int() id!: number;
  @Str() staffNo!: string;
  @Str() name!: string;
  @Int() departmentId!: number;
  @Int({}, true) windowId!: number | null;
}

export class ServiceItemResponse extends Timestamps {
  @Int() id!: number;
  @Str() code!: string;
  @Str() name!: string;
  @Str({ enum: SERVICE_ITEM_CATEGORIES }) category!: string;
  @Int() departmentId!: number;
  @Str({ description: '国家标准事项编码 (null: a self-built item, not pushed)' }, true)
  nationalCode!: string | null;
}
