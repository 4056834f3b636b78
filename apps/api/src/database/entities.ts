import { ApiKey } from '../api-keys/entities/api-key.entity';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { CalendarOverride } from '../calendar/entities/calendar-day.entity';
import { CalendarYearNotice } from '../calendar/entities/calendar-year-notice.entity';
import { JobLease } from '../jobs/entities/job-lease.entity';
import { OutboxMessage } from '../outbox/entities/outbox-message.entity';
import { StaffNotice } from '../notifications/entities/staff-notice.entity';
import { AccessTokenCache } from '../citizens/entities/access-token.entity';
import { WechatSubscription } from '../citizens/entities/wechat-subscription.entity';
import { TicketAppeal } from '../tickets/entities/ticket-appeal.entity';
import { TicketEvent } from '../tickets/entities/ticket-event.entity';
import { TicketVisit } from '../tickets/entities/ticket-visit.entity';
import { Attachment } from '../attachments/entities/attachment.entity';
import { AttachmentLink } from '../attachments/entities/attachment-link.entity';
import { Citizen } from '../citizens/entities/citizen.entity';
import { Department } from '../organisation/entities/department.entity';
import { ServiceItem } from '../organisation/entities/service-item.entity';
import { ServiceWindow } from '../organisation/entities/service-window.entity';
import { Staff } from '../organisation/entities/staff.entity';
import { Complaint } from '../ratings/entities/complaint.entity';
import { FollowUp } from '../ratings/entities/follow-up.entity';
import { Rating } from '../ratings/entities/rating.entity';
import { RatingOptionVersion } from '../settings/entities/rating-option-version.entity';
import { ScoreCorrection } from '../scores/entities/score-correction.entity';
import { ScoreRollup } from '../scores/entities/score-rollup.entity';
import { ScoreSnapshot } from '../scores/entities/score-snapshot.entity';
import { Setting } from '../settings/entities/setting.entity';
import { Ticket } from '../tickets/entities/ticket.entity';
import { Transaction } from '../transactions/entities/transaction.entity';
import { User } from '../users/entities/user.entity';

export const ENTITIES = [
  Department,
  ServiceWindow,
  Staff,
  ServiceItem,
  User,
  ApiKey,
  Setting,
  RatingOptionVersion,
  Transaction,
  Rating,
  FollowUp,
  Complaint,
  Attachment,
  AttachmentLink,
  Citizen,
  Ticket,
  TicketEvent,
  TicketVisit,
  TicketAppeal,
  AuditEntry,
  CalendarOverride,
  CalendarYearNotice,
  JobLease,
  OutboxMessage,
  StaffNotice,
  WechatSubscription,
  AccessTokenCache,
  ScoreRollup,
  ScoreSnapshot,
  ScoreCorrection,
];
