import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { AcceptanceDto } from './tickets.dto';

/** 认可 / 不认可 by the rating token: which of the transaction's tickets, and the verdict. */
export class TokenAcceptanceDto extends AcceptanceDto {
  @ApiProperty({ example: 'ZG20261118-0A1B2C3D' })
  @Matches(/^ZG\d{8}-[0-9A-Z]{8}$/, { message: 'ticketNo must be a ticket number (ZG…)' })
  ticketNo!: string;
}
