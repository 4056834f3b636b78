import { ApiProperty } from '@nestjs/swagger';
import { SATISFACTION_DIRECTIONS } from '@haochaping/domain';
import { Bool, DateTime, Int, Nested, Num, Str } from '../../common/response-types';
import { RatingOptionsResponse } from '../../ratings/dto/ratings.response';

export class ScoreWeightsResponse {
  @Num() goodRate!: number;
  @Num() ratingRate!: number;
  @Num() rectificationRate!: number;
  @Num() onTimeRate!: number;
  @Num() visitRate!: number;
}

export class SubscribeTemplateFieldsResponse {
  @Str({ example: 'character_string1' }) ticketNo!: string;
  @Str({ example: 'phrase2' }) status!: string;
  @Str({ example: 'thing3' }) content!: string;
  @Str({ example: 'time4' }) time!: string;
}

export class ProvinceChannelCodesResponse {
  @Int() window_qr!: number;
  @Int() miniapp!: number;
  @Int() tablet!: number;
  @Int() web!: number;
  @Int() sms!: number;
  @Int() hotline!: number;
  @Int() default!: number;
}

export class ProvincePushResponse {
  @Str({ enum: SATISFACTION_DIRECTIONS }) satisfactionDirection!: string;
  @Nested(() => ProvinceChannelCodesResponse) channelCodes!: ProvinceChannelCodesResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
    description: 'Configured option-tag codes per level (others: level + position)',
  })
  tagCodes!: Record<string, Record<string, string>>;
  @Str() projectNoPrefix!: string;
}

export class DefaultRatingResponse {
  @Bool() enabled!: boolean;
  @Int({ enum: [3, 4, 5], description: 'The level recorded' }) level!: number;
  @DateTime(
    { description: 'When last switched on: only rating windows ending after it get one' },
    true,
  )
  enabledAt!: string | null;
}

export class SmsInvitationResponse {
  @Bool() enabled!: boolean;
  @Int({ description: 'Days after the transaction finished' }) afterDays!: number;
}

export class SettingsResponse {
  @Nested(() => DefaultRatingResponse) defaultRating!: DefaultRatingResponse;
  @Nested(() => SmsInvitationResponse) smsInvitation!: SmsInvitationResponse;
  @Str({ description: '行政区划代码 of the centre ("" while unset)' }) areaCode!: string;
  @Nested(() => ProvincePushResponse) provincePush!: ProvincePushResponse;
  @Int({ description: 'Days after a transaction during which it can be rated' })
  ratingWindowDays!: number;
  @Int({ description: 'Days after a rating during which one follow-up is accepted' })
  followUpDays!: number;
  @Int({ description: 'Working days a department has to close a ticket' })
  ticketDueWorkingDays!: number;
  @Int({ description: 'Working days for the first contact with the citizen' })
  firstContactWorkingDays!: number;
  @Int({ description: 'Fewer valid ratings in a month: insufficient sample, not ranked' })
  minimumSample!: number;
  @Nested(() => ScoreWeightsResponse) scoreWeights!: ScoreWeightsResponse;
  @Nested(() => SubscribeTemplateFieldsResponse, {
    description: 'Keyword names of the WeChat ticket-progress template',
  })
  subscribeTemplateFields!: SubscribeTemplateFieldsResponse;
  @Nested(() => RatingOptionsResponse) ratingOptions!: RatingOptionsResponse;
}
