import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { IsRatingToken } from '../../common/validators';

export class SubscriptionDto {
  @ApiProperty({
    description: 'The template the user was asked about (WECHAT_TEMPLATE_TICKET_PROGRESS)',
  })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, {
    message: 'templateId must be a subscribe-message template id',
  })
  templateId!: string;

  @ApiProperty({ description: 'requestSubscribeMessage answered "accept"' })
  @IsBoolean({ message: 'accepted must be true or false' })
  accepted!: boolean;

  @ApiPropertyOptional({
    description:
      'The rating token of the rating or complaint just made: made without WeChat login, it ' +
      "becomes this citizen's (within 30 minutes of making it) so its progress reaches them",
  })
  @IsOptional()
  @IsRatingToken()
  token?: string;
}
