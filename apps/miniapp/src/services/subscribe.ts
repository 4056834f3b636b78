import Taro from '@tarojs/taro';
import type { components } from './api-types.generated';
import { wechatLogin } from './api';
import { getCitizenToken, request, setCitizenToken } from './request';

type Schemas = components['schemas'];
export type SubscriptionAnswer = Schemas['SubscriptionResponse'];

/**
 * POST /api/me/subscriptions — the answer the user gave to requestSubscribeMessage (weapp). Signs
 * in with WeChat first when there is no citizen token (Taro.login asks nothing of the user), and
 * sends the rating token of what was just rated so that a rating made without login becomes this
 * citizen's: its progress messages can then reach them.
 */
export async function reportSubscription(
  templateId: string,
  accepted: boolean,
  ratingToken?: string,
): Promise<SubscriptionAnswer> {
  if (!getCitizenToken()) {
    const { code } = await Taro.login();
    setCitizenToken((await wechatLogin(code)).accessToken);
  }
  const body: Schemas['SubscriptionDto'] = {
    templateId,
    accepted,
    ...(ratingToken ? { token: ratingToken } : {}),
  };
  return request<SubscriptionAnswer>('/api/me/subscriptions', { method: 'POST', data: body });
}
