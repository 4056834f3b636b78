import { Foundation1764190000000 } from './1764190000000-Foundation';
import { Ratings1764200000000 } from './1764200000000-Ratings';
import { Tickets1764210000000 } from './1764210000000-Tickets';
import { Scores1764220000000 } from './1764220000000-Scores';
import { CalendarNotices1764240000000 } from './1764240000000-CalendarNotices';
import { OneComplaint1764250000000 } from './1764250000000-OneComplaint';
import { AttachmentLinks1764260000000 } from './1764260000000-AttachmentLinks';
import { WorkspaceIndexes1764270000000 } from './1764270000000-WorkspaceIndexes';
import { Notifications1764283000000 } from './1764283000000-Notifications';
import { UserTokenVersion1764290000000 } from './1764290000000-UserTokenVersion';
import { ProvinceCodes1764310000000 } from './1764310000000-ProvinceCodes';
import { DefaultRatingsSms1764320000000 } from './1764320000000-DefaultRatingsSms';
import { AttachmentUploadKeys1764300000000 } from './1764300000000-AttachmentUploadKeys';
import { LedgerIndex1764330000000 } from './1764330000000-LedgerIndex';

/** Every migration, in order. New migrations are appended here. */
export const MIGRATIONS = [
  Foundation1764190000000,
  Ratings1764200000000,
  Tickets1764210000000,
  Scores1764220000000,
  CalendarNotices1764240000000,
  OneComplaint1764250000000,
  AttachmentLinks1764260000000,
  WorkspaceIndexes1764270000000,
  Notifications1764283000000,
  UserTokenVersion1764290000000,
  AttachmentUploadKeys1764300000000,
  ProvinceCodes1764310000000,
  DefaultRatingsSms1764320000000,
  LedgerIndex1764330000000,
];
