/** Build-time platform flags (TARO_ENV is replaced at build time, so dead branches are dropped). */
export const IS_WEAPP = process.env.TARO_ENV === 'weapp';
export const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * Ticket deadlines as promised to the citizen. They mirror the API defaults (settings are
 * admin-only, so the client cannot read them): first contact within 1 working day,
 * rectification within 15 working days.
 */
export const FIRST_CONTACT_WORKING_DAYS = 1;
export const TICKET_DUE_WORKING_DAYS = 15;

/** WeChat subscribe-message template for ticket progress ('' = not configured: no prompt). */
export const SUBSCRIBE_TEMPLATE_ID: string = SUBSCRIBE_TEMPLATE;

/** Page routes (absolute, as Taro.navigateTo expects). */
export const ROUTES = {
  home: '/pages/index/index',
  rate: '/pages/rate/index',
  result: '/pages/result/index',
  followUp: '/pages/follow-up/index',
  complaint: '/pages/complaint/index',
  mine: '/pages/mine/index',
  // The staff workspace, a subpackage of its own (H5: /staff opens the login).
  staffLogin: '/staff/login/index',
  staffHome: '/staff/home/index',
  staffTickets: '/staff/tickets/index',
  staffTicket: '/staff/ticket/index',
  staffRegister: '/staff/register/index',
  staffReview: '/staff/review/index',
  staffRecent: '/staff/recent/index',
  staffKiosk: '/staff/kiosk/index',
  staffDashboard: '/staff/dashboard/index',
  staffRatings: '/staff/ratings/index',
  staffOrg: '/staff/org/index',
  staffUsers: '/staff/users/index',
  staffKeys: '/staff/keys/index',
  staffSettings: '/staff/settings/index',
  staffCalendar: '/staff/calendar/index',
  staffAudit: '/staff/audit/index',
  staffNotices: '/staff/notices/index',
  staffOutbox: '/staff/outbox/index',
} as const;

/** Keys of everything the client keeps in Taro storage (localStorage on H5). */
export const STORAGE_KEYS = {
  elderMode: 'hcp.elderMode',
  citizenToken: 'hcp.citizenToken',
  staffSession: 'hcp.staffSession',
  pendingRatings: 'hcp.pendingRatings',
  results: 'hcp.ratingResults',
} as const;
