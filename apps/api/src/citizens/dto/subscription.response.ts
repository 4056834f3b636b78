import { Bool, Int, Str } from '../../common/response-types';

export class SubscriptionResponse {
  @Str() templateId!: string;
  @Bool() accepted!: boolean;
  @Int({ description: 'Messages this citizen still allows with this template' })
  remaining!: number;
}
