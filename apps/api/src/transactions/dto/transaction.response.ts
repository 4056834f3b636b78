import { DateTime, Int, Str } from '../../common/response-types';

export class RegisteredTransactionResponse {
  @Int() id!: number;
  @Str() transactionNo!: string;
  @Str({ description: 'The capability to rate this transaction' }) ratingToken!: string;
  @Str({ description: 'Rating page URL (what the QR code encodes)' }) ratingUrl!: string;
  @DateTime() expiresAt!: string;
}
