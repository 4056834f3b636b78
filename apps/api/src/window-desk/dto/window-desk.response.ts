import { Bool, DateTime, Int, Nested, Str } from '../../common/response-types';

export class KioskTransactionResponse {
  @Int() transactionId!: number;
  @Str() transactionNo!: string;
  @Str() serviceItemName!: string;
  @Str({ description: 'As the citizen sees it: surname and staff number, 张（S1001）' })
  staffName!: string;
  @DateTime() finishedAt!: string;
  @Str({ description: 'The rating link the registration answered (what the QR code encodes)' })
  ratingUrl!: string;
  @DateTime({ description: 'End of the rating period' }) expiresAt!: string;
}

export class KioskRatedResponse {
  @Int() transactionId!: number;
  @Str() transactionNo!: string;
}

export class KioskResponse {
  @Int() windowId!: number;
  @Str() windowName!: string;
  @Nested(() => KioskTransactionResponse, {
    nullable: true,
    description:
      "The window's newest registered transaction still open for rating: not rated, not " +
      'complained about, rating period not over; null when there is none',
  })
  current!: KioskTransactionResponse | null;
  @Nested(() => KioskRatedResponse, {
    nullable: true,
    description: 'The transaction of the window rated last (never the level or the rater)',
  })
  lastRated!: KioskRatedResponse | null;
}

export class WindowTransactionResponse {
  @Int() id!: number;
  @Str() transactionNo!: string;
  @Int() windowId!: number;
  @Str() serviceItemName!: string;
  @Str() staffName!: string;
  @DateTime() finishedAt!: string;
  @DateTime({ description: 'End of the rating period' }) expiresAt!: string;
  @Bool({ description: 'A rating exists (never its level or rater)' }) rated!: boolean;
  @Bool({ description: 'A complaint was filed' }) complained!: boolean;
}
