import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  canUrge,
  OUTCOME_LABELS,
  OUTCOMES,
  TICKET_STATUS_LABELS,
  TRANSITIONS,
  VISIT_METHOD_LABELS,
  VISIT_METHODS,
  VISIT_STATUSES,
  type Outcome,
  type VisitMethod,
} from '@haochaping/domain';
import AttachmentThumbs from '../../components/AttachmentThumbs';
import Button from '../../components/Button';
import LoadState from '../../components/LoadState';
import StaffFrame from '../../components/StaffFrame';
import TextField from '../../components/TextField';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import { useStaffSession } from '../../hooks/useStaffSession';
import {
  recordVisit,
  revealContact,
  ticketAction,
  ticketDetail,
  urgeTicket,
  type ActionBody,
  type TicketAction,
  type TicketDetail,
} from '../../services/staff-api';
import { ApiError, errorMessage } from '../../services/request';
import { a11y, ariaLive } from '../../utils/a11y';
import { formatDate, formatDateTime } from '../../utils/format';
import { routeParam } from '../../utils/nav';
import { FormActions } from '../components/form';
import { Choices, DueBadges, ticketSource } from '../components/row';
import { EVENT_LABELS, staffLoadTexts } from '../labels';
import './index.scss';

type StaffAction = Exclude<TicketAction, 'citizen_accept' | 'citizen_refuse'>;
/** What the open form will do: a workflow action with input, recording a visit, or 督办. */
type FormKind = Exclude<StaffAction, 'accept'> | 'visit' | 'urge';

const LOAD_TEXTS = staffLoadTexts('暂时无法打开工单', '未找到该工单，或它不属于您的部门。');

/** The text field each form asks for, with its rules (the API's own limits). */
const TEXT_FIELD: Record<FormKind, { label: string; min: number; max: number }> = {
  submit: { label: '答复群众', min: 5, max: 1000 },
  approve: { label: '审核意见', min: 1, max: 1000 },
  reject: { label: '退回原因', min: 1, max: 1000 },
  appeal: { label: '申诉理由', min: 10, max: 2000 },
  uphold_appeal: { label: '复核意见', min: 1, max: 1000 },
  dismiss_appeal: { label: '复核意见', min: 1, max: 1000 },
  visit: { label: '回访结果', min: 2, max: 500 },
  urge: { label: '督办意见', min: 2, max: 500 },
};

const FORM_TITLES: Partial<Record<FormKind, string>> = { visit: '记录回访', urge: '督办' };

function bodyOf(
  kind: Exclude<FormKind, 'visit' | 'urge'>,
  text: string,
  outcome: Outcome,
  date: string,
) {
  switch (kind) {
    case 'submit':
      return {
        outcome,
        reply: text,
        ...(outcome === 'scheduled' ? { promisedDate: date } : {}),
      } as ActionBody;
    case 'approve':
    case 'reject':
      return { decision: kind, note: text } as ActionBody;
    case 'appeal':
      return { reason: text } as ActionBody;
    case 'uphold_appeal':
    case 'dismiss_appeal':
      return {
        decision: kind === 'uphold_appeal' ? 'uphold' : 'dismiss',
        note: text,
      } as ActionBody;
  }
}

/**
 * Events and visits in the order they happened. A visit is shown from its own record (method in
 * Chinese, the result), not from the event that logged it.
 */
function timeline(t: TicketDetail) {
  const events = t.events
    .filter((e) => e.type !== 'visit')
    .map((e) => ({
      key: `e${e.id}`,
      at: e.createdAt,
      what: EVENT_LABELS[e.type],
      note: e.note,
      photos: e.attachmentIds ?? [],
    }));
  const visits = t.visits.map((v) => ({
    key: `v${v.id}`,
    at: v.visitedAt,
    what: `回访（${VISIT_METHOD_LABELS[v.method]}）`,
    note: v.result,
    photos: [] as number[],
  }));
  return [...events, ...visits].sort((a, b) => a.at.localeCompare(b.at));
}

/** 工单详情: what the citizen said, the timeline, and the actions the workflow allows now. */
export default function StaffTicketPage() {
  const session = useStaffSession(ROUTES.staffTicket);
  const { params } = useRouter();
  const id = Number(routeParam(params, 'id')) || 0;
  const [detail, reload] = useRemote(session && id ? String(id) : null, () => ticketDetail(id));
  const [form, setForm] = useState<FormKind | null>(null);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('rectified');
  const [method, setMethod] = useState<VisitMethod>('phone');
  const [date, setDate] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [phone, setPhone] = useState('');
  if (!session) return null;

  const open = (kind: FormKind) => {
    setForm(kind);
    setText('');
    setTouched(false);
    setNotice('');
  };
  const done = (message: string) => {
    setBusy(false);
    setForm(null);
    setNotice(message);
    reload();
  };
  const failed = (e: unknown) => {
    setBusy(false);
    if (e instanceof ApiError && e.code === 'INVALID_TRANSITION') {
      // Someone else moved the ticket first: show what it is now.
      done('该工单已被他人处理，已刷新为最新状态');
      return;
    }
    setNotice(errorMessage(e));
  };

  const act = (action: StaffAction, body: ActionBody) => {
    if (busy) return;
    setBusy(true);
    ticketAction(id, action, body).then(() => done(`已${TRANSITIONS[action].label}`), failed);
  };

  const send = () => {
    if (!form || busy) return;
    setTouched(true);
    const rule = TEXT_FIELD[form];
    const value = text.trim();
    if (value.length < rule.min) return;
    if (form === 'submit' && outcome === 'scheduled' && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    if (form === 'urge') {
      setBusy(true);
      urgeTicket(id, value).then(() => done('已督办，部门整改专员会收到通知'), failed);
      return;
    }
    if (form === 'visit') {
      setBusy(true);
      recordVisit(id, { method, visitedAt: new Date().toISOString(), result: value }).then(
        () => done('已记录回访'),
        failed,
      );
      return;
    }
    act(form, bodyOf(form, value, outcome, date));
  };

  if (detail.kind !== 'ready') {
    return (
      <StaffFrame
        title="工单详情"
        testId="staff-ticket"
        user={session.user}
        section={ROUTES.staffTickets}
      >
        <LoadState state={detail} texts={LOAD_TEXTS} onRetry={reload} />
      </StaffFrame>
    );
  }
  const t: TicketDetail = detail.data;
  const canVisit = session.user.role === 'department' && VISIT_STATUSES.includes(t.status);
  const mayUrge = session.user.role === 'supervisor' && canUrge(t.status);
  const rule = form ? TEXT_FIELD[form] : null;
  const textError =
    form && rule && touched && text.trim().length < rule.min
      ? `请填写${rule.label}（至少${rule.min}个字）`
      : '';
  const said = t.rating ?? t.complaint;

  return (
    <StaffFrame
      title={`工单 ${t.ticketNo}`}
      testId="staff-ticket"
      user={session.user}
      section={ROUTES.staffTickets}
    >
      <View className="staff-card">
        <View className="ticket-head">
          <Text className={`staff-status staff-status--${t.status}`} data-testid="ticket-status">
            {TICKET_STATUS_LABELS[t.status]}
          </Text>
          <Text className="ticket-head__item">{ticketSource(t)}</Text>
          <Text className="ticket-head__item">
            {`办理期限 ${formatDate(t.dueAt)}${t.dueProvisional ? '（暂定）' : ''}`}
          </Text>
          <DueBadges ticket={t} urge />
        </View>
        <Text className="ticket-line">
          {[t.departmentName, t.windowName, t.staff ? `${t.staff.name}（${t.staff.staffNo}）` : '']
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {t.transaction ? (
          <Text className="ticket-line">
            {`办件 ${t.transaction.transactionNo} · ${t.transaction.serviceItemName ?? ''}`}
          </Text>
        ) : null}
      </View>

      {said ? (
        <View className="staff-card" data-testid="ticket-said">
          <Text className="staff-card__title">{t.rating ? '群众评价' : '群众投诉'}</Text>
          {t.rating?.tags.length ? (
            <Text className="ticket-line">{`标签：${t.rating.tags.join('、')}`}</Text>
          ) : null}
          <Text className="ticket-text">
            {t.rating ? t.rating.comment || '（未填写文字意见）' : (t.complaint?.content ?? '')}
          </Text>
          <AttachmentThumbs
            ids={said.attachmentIds ?? []}
            what={t.rating ? '评价' : '投诉'}
            testId="said-photos"
          />
          <View className="ticket-contact">
            <Text className="ticket-line" data-testid="contact-phone">
              {phone || said.contactPhone || '匿名，未留联系电话'}
            </Text>
            {said.contactPhone && !phone && canVisit ? (
              <Button
                className="btn btn--plain ticket-contact__reveal"
                data-testid="reveal-contact"
                {...a11y('查看完整号码用于回访，此操作将被记录')}
                onClick={() => {
                  revealContact(id).then((r) => setPhone(r.phone ?? ''), failed);
                }}
              >
                查看完整号码（将被记录）
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}

      {t.reply ? (
        <View className="staff-card">
          <Text className="staff-card__title">答复群众</Text>
          <Text className="ticket-text">{t.reply}</Text>
        </View>
      ) : null}

      <View className="staff-card" data-testid="ticket-actions">
        <Text className="staff-card__title">办理</Text>
        {notice ? (
          <Text className="ticket-notice" data-testid="action-notice" {...ariaLive}>
            {notice}
          </Text>
        ) : null}
        <View className="ticket-actions">
          {t.availableActions
            .filter((a): a is StaffAction => a !== 'citizen_accept' && a !== 'citizen_refuse')
            .map((a) => (
              <Button
                key={a}
                className={`btn ${a === 'accept' || a === 'submit' || a === 'approve' ? 'btn--primary' : 'btn--ghost'} ticket-actions__btn`}
                data-testid={`action-${a}`}
                {...a11y(TRANSITIONS[a].label)}
                onClick={() => (a === 'accept' ? act(a, {}) : open(a))}
              >
                {TRANSITIONS[a].label}
              </Button>
            ))}
          {canVisit ? (
            <Button
              className="btn btn--ghost ticket-actions__btn"
              data-testid="action-visit"
              {...a11y('记录回访')}
              onClick={() => open('visit')}
            >
              记录回访
            </Button>
          ) : null}
          {mayUrge ? (
            <Button
              className="btn btn--ghost ticket-actions__btn"
              data-testid="action-urge"
              {...a11y('督办')}
              onClick={() => open('urge')}
            >
              督办
            </Button>
          ) : null}
        </View>
        {t.availableActions.length === 0 && !canVisit && !mayUrge ? (
          <Text className="ticket-line">当前状态下无需您办理</Text>
        ) : null}

        {form && rule ? (
          <View className="ticket-form" data-testid="action-form">
            <Text className="staff-card__title">
              {FORM_TITLES[form] ?? TRANSITIONS[form as StaffAction].label}
            </Text>
            {form === 'submit' ? (
              <Choices
                label="整改方式"
                options={OUTCOMES}
                labels={OUTCOME_LABELS}
                value={outcome}
                onChange={setOutcome}
              />
            ) : null}
            {form === 'visit' ? (
              <Choices
                label="回访方式"
                options={VISIT_METHODS}
                labels={VISIT_METHOD_LABELS}
                value={method}
                onChange={setMethod}
              />
            ) : null}
            {form === 'submit' && outcome === 'scheduled' ? (
              <TextField
                label="承诺完成日期"
                value={date}
                onChange={setDate}
                maxLength={10}
                required
                placeholder="例如 2026-12-20"
                error={touched && !/^\d{4}-\d{2}-\d{2}$/.test(date) ? '请按 年-月-日 填写日期' : ''}
                testId="promised-date"
              />
            ) : null}
            <TextField
              label={rule.label}
              a11yName={rule.label}
              value={text}
              onChange={setText}
              multiline
              maxLength={rule.max}
              required
              error={textError}
              testId="action-text"
            />
            <FormActions
              text="确认提交"
              busy={busy}
              busyText="提交中…"
              testId="action-confirm"
              onClick={send}
              cancel={{ onClick: () => setForm(null) }}
              className="ticket-actions"
              buttonClassName="ticket-actions__btn"
            />
          </View>
        ) : null}
      </View>

      <View className="staff-card" data-testid="ticket-timeline">
        <Text className="staff-card__title">办理过程</Text>
        {timeline(t).map((item) => (
          <View key={item.key} className="ticket-event">
            <Text className="ticket-event__time">{formatDateTime(item.at)}</Text>
            <Text className="ticket-event__what">{item.what}</Text>
            {item.note ? <Text className="ticket-event__note">{item.note}</Text> : null}
            <AttachmentThumbs ids={item.photos} what={item.what} testId="event-photos" />
          </View>
        ))}
      </View>
    </StaffFrame>
  );
}
