import { ROLES } from '@haochaping/domain';
import { Bool, Int, Str } from '../../common/response-types';

/** What the API shows of a user: never the hash or lock-out counters. */
export class UserResponse {
  @Int() id!: number;
  @Str() username!: string;
  @Str({ enum: ROLES }) role!: string;
  @Int({}, true) departmentId!: number | null;
  @Int({}, true) windowId!: number | null;
  @Bool() enabled!: boolean;
}
