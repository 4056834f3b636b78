import { Int, Nested, Str } from '../../common/response-types';

export class CitizenRef {
  @Int() id!: number;
}

export class WechatLoginResponse {
  @Str({ description: "Bearer token of the citizen (only for the 'my ratings' endpoints)" })
  accessToken!: string;
  @Nested(() => CitizenRef) citizen!: CitizenRef;
}
