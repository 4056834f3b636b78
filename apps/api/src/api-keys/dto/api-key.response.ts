import { ApiProperty } from '@nestjs/swagger';
import { Bool, DateTime, Int, Str } from '../../common/response-types';

export class ApiKeyResponse {
  @Int() id!: number;
  @Str() name!: string;
  @Str({ description: 'First characters of the key, to recognise it' }) keyPrefix!: string;
  @Bool() enabled!: boolean;
  @DateTime() createdAt!: string;
  @DateTime({}, true) lastUsedAt!: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The key itself; shown only in this answer' })
  key!: string;
}
