import { MAX_PAGE_SIZE, type Role, type ServiceItemCategory } from '@haochaping/domain';
import type { components } from './api-types.generated';
import { ApiError, errorMessage, request } from './request';
import { pageUrl } from '../utils/nav';
import './staff-session';

/** The administrator's calls (organisation, users, keys, settings, calendar, audit). */

type Schemas = components['schemas'];
export type Page<T> = Schemas['PageMeta'] & { items: T[] };

export type Department = Schemas['DepartmentResponse'];
export type ServiceWindow = Schemas['WindowResponse'];
export type StaffMember = Schemas['StaffResponse'];
export type ServiceItem = Schemas['ServiceItemResponse'];
export type User = Schemas['UserResponse'];
export type ApiKey = Schemas['ApiKeyResponse'];
export type CreatedApiKey = Schemas['CreatedApiKeyResponse'];
export type Settings = Schemas['SettingsResponse'];
export type ScoreWeights = Schemas['ScoreWeightsResponse'];
export type CalendarDay = Schemas['CalendarDayResponse'];
export type CalendarYear = Schemas['CalendarYearResponse'];
export type NoticeDay = Schemas['NoticeDayDto'];
export type YearNotice = Schemas['SetYearNoticeDto'];
export type AuditEntry = Schemas['AuditEntryResponse'];
export type OutboxMessage = Schemas['OutboxMessageResponse'];

/*
 * Request bodies. The generated schema types some of them wrongly (a nullable id as
 * `Record<string, never> | null`, settings fields with a default as required, the nested weight
 * and tag objects as empty): these follow the API's DTOs instead.
 */
export type DepartmentBody = Schemas['CreateDepartmentDto'];
export type WindowBody = Schemas['CreateWindowDto'];
export interface StaffBody {
  staffNo: string;
  name: string;
  departmentId: number;
  windowId: number | null;
}
export interface ServiceItemBody {
  code: string;
  name: string;
  category: ServiceItemCategory;
  departmentId: number;
}
export interface CreateUserBody {
  username: string;
  password: string;
  role: Role;
  departmentId?: number;
  windowId?: number;
}
export interface UpdateUserBody {
  password?: string;
  role?: Role;
  departmentId?: number | null;
  windowId?: number | null;
  enabled?: boolean;
}
export interface SettingsBody {
  ratingWindowDays?: number;
  followUpDays?: number;
  ticketDueWorkingDays?: number;
  firstContactWorkingDays?: number;
  minimumSample?: number;
  scoreWeights?: Partial<ScoreWeights>;
  levelTags?: Partial<Record<'1' | '2' | '3' | '4' | '5', string[]>>;
  subscribeTemplateFields?: Partial<Settings['subscribeTemplateFields']>;
  areaCode?: string;
  provincePush?: Schemas['ProvincePushDto'];
  defaultRating?: Schemas['DefaultRatingDto'];
  smsInvitation?: Schemas['SmsInvitationDto'];
}
export type CalendarDayBody = Schemas['SetCalendarDayDto'];

const staff = { auth: 'staff' } as const;

function listOf<T>(path: string, query: Record<string, string | number | undefined>) {
  return request<Page<T>>(pageUrl(path, query), staff);
}

function send<T>(method: 'POST' | 'PATCH' | 'PUT', path: string, data: unknown): Promise<T> {
  return request<T>(path, { method, data, auth: 'staff' });
}

// ---- organisation ----

/** The organisation's four lists, by the path of their endpoints. */
export interface OrgKinds {
  departments: { row: Department; body: DepartmentBody };
  windows: { row: ServiceWindow; body: WindowBody };
  staff: { row: StaffMember; body: StaffBody };
  'service-items': { row: ServiceItem; body: ServiceItemBody };
}
export type OrgKind = keyof OrgKinds;

/** GET /api/<kind>?page=&pageSize=[&departmentId=] */
export function listOrg<K extends OrgKind>(
  kind: K,
  page: number,
  pageSize: number,
  departmentId?: number,
): Promise<Page<OrgKinds[K]['row']>> {
  return listOf(`/api/${kind}`, { page, pageSize, departmentId });
}

/** POST /api/<kind> — 409 DUPLICATE_CODE names the field (code or staffNo) in `details`. */
export function createOrg<K extends OrgKind>(
  kind: K,
  body: OrgKinds[K]['body'],
): Promise<OrgKinds[K]['row']> {
  return send('POST', `/api/${kind}`, body);
}

/** PATCH /api/<kind>/:id */
export function updateOrg<K extends OrgKind>(
  kind: K,
  id: number,
  body: Partial<OrgKinds[K]['body']>,
): Promise<OrgKinds[K]['row']> {
  return send('PATCH', `/api/${kind}/${id}`, body);
}

/** The departments a picker offers: the first page of the largest size the API allows. */
export function departmentChoices(): Promise<Page<Department>> {
  return listOf('/api/departments', { page: 1, pageSize: MAX_PAGE_SIZE });
}

/** A department's windows, for a picker (a department has far fewer than 100). */
export function windowsOf(departmentId: number): Promise<Page<ServiceWindow>> {
  return listOf('/api/windows', { departmentId, page: 1, pageSize: MAX_PAGE_SIZE });
}

/** GET /api/windows/:id */
export function windowById(id: number): Promise<ServiceWindow> {
  return request<ServiceWindow>(`/api/windows/${id}`, staff);
}

// ---- users ----

export function listUsers(page: number, pageSize: number): Promise<Page<User>> {
  return listOf('/api/users', { page, pageSize });
}

/** POST /api/users — 409 DUPLICATE_USERNAME; a department needs departmentId, a window windowId. */
export function createUser(body: CreateUserBody): Promise<User> {
  return send('POST', '/api/users', body);
}

/** PATCH /api/users/:id — role and scope, a new password, or `enabled` (停用 / 启用). */
export function updateUser(id: number, body: UpdateUserBody): Promise<User> {
  return send('PATCH', `/api/users/${id}`, body);
}

// ---- API keys ----

export function listApiKeys(page: number, pageSize: number): Promise<Page<ApiKey>> {
  return listOf('/api/api-keys', { page, pageSize });
}

/** POST /api/api-keys — the answer is the only time the key itself is seen. */
export function createApiKey(name: string): Promise<CreatedApiKey> {
  return send('POST', '/api/api-keys', { name });
}

export function revokeApiKey(id: number): Promise<ApiKey> {
  return send('POST', `/api/api-keys/${id}/revoke`, {});
}

// ---- settings ----

export function getSettings(): Promise<Settings> {
  return request<Settings>('/api/settings', staff);
}

/** PUT /api/settings — only what is sent changes; new level tags make a new option version. */
export function saveSettings(body: SettingsBody): Promise<Settings> {
  return send('PUT', '/api/settings', body);
}

// ---- calendar ----

export function calendarDay(date: string): Promise<CalendarDay> {
  return request<CalendarDay>(`/api/calendar/${date}`, staff);
}

export function setCalendarDay(date: string, body: CalendarDayBody): Promise<CalendarDay> {
  return send('PUT', `/api/calendar/${date}`, body);
}

export function calendarYear(year: number): Promise<CalendarYear> {
  return request<CalendarYear>(`/api/calendar/years/${year}`, staff);
}

/** PUT /api/calendar/years/:year — the year's official notice replaces what was known of it. */
export function setYearNotice(year: number, body: YearNotice): Promise<CalendarYear> {
  return send('PUT', `/api/calendar/years/${year}`, body);
}

// ---- audit ----

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  page: number;
  pageSize: number;
}

/** GET /api/audit — newest first. */
export function listAudit(q: AuditQuery): Promise<Page<AuditEntry>> {
  return listOf('/api/audit', { ...q });
}

// ---- outbox: delivery of notices and pushes ----

export interface OutboxQuery {
  status?: string;
  channel?: string;
  page: number;
  pageSize: number;
}

/** GET /api/outbox — newest first, with status, attempts and the last error. */
export function listOutbox(q: OutboxQuery): Promise<Page<OutboxMessage>> {
  return listOf('/api/outbox', { ...q });
}

/** POST /api/outbox/:id/retry — a failed or skipped message back to the queue (else 409). */
export function retryOutbox(id: number): Promise<OutboxMessage> {
  return send('POST', `/api/outbox/${id}/retry`, {});
}

// ---- errors of a form ----

/** What a failed save says: a message per field of the form, and one for the whole form. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string;
}

/**
 * Places an API error on the form. A duplicate (409 with `details`) goes to the field it names,
 * with the API's message; a validation error (400 `details`, developer English) gets the form's
 * own Chinese rule for each field it names (`hints`, by field path or its first segment);
 * everything else is a message for the whole form.
 */
export function formErrors(error: unknown, hints: Record<string, string> = {}): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, form: errorMessage(error) };
  const fields: Record<string, string> = {};
  const named = Object.keys(error.details ?? {});
  let unplaced = false;
  for (const path of named) {
    const key = hints[path] !== undefined ? path : path.split('.')[0];
    if (error.status === 409) fields[key] = error.message;
    else if (hints[path] ?? hints[key]) fields[key] = hints[path] ?? hints[key];
    else unplaced = true;
  }
  const form = named.length === 0 || unplaced ? error.message : '';
  return { fields, form };
}
