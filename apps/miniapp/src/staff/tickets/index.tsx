import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { TICKET_STATUS_LABELS, TICKET_STATUSES } from '@haochaping/domain';
import Button from '../../components/Button';
import StaffFrame from '../../components/StaffFrame';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import { useStaffSession } from '../../hooks/useStaffSession';
import { countOf, listTickets } from '../../services/staff-api';
import { a11y } from '../../utils/a11y';
import { formatDate } from '../../utils/format';
import { routeParam } from '../../utils/nav';
import { FieldButton } from '../components/form';
import { StaffRows, usePaged } from '../components/paged-list';
import { DueBadges, StaffTab, TicketNo, ticketSource } from '../components/row';
import { staffLoadTexts } from '../labels';
import './index.scss';

/** Filters a link can bring (the dashboard's drill-down), beside the tabs and the search. */
const LINK_FILTERS = [
  'departmentId',
  'windowId',
  'staffId',
  'month',
  'overdue',
  'nearDue',
] as const;

const MONTH = /^\d{4}-\d{2}$/;

/** Where a ticket came from: the toggles beside the month filter. */
const SOURCES = [
  ['', '全部来源'],
  ['rating', '差评'],
  ['complaint', '投诉'],
];

function filterText(filters: Record<string, string>, title: string): string {
  const parts = [title];
  if (filters.month)
    parts.push(`${filters.month.slice(0, 4)}年${Number(filters.month.slice(5))}月`);
  if (filters.overdue === 'true') parts.push('已超期');
  if (filters.nearDue === 'true') parts.push('即将到期');
  return parts.filter(Boolean).join(' · ');
}

const LOAD_TEXTS = staffLoadTexts('暂时无法加载工单');

/** 整改工单: status tabs with counts, search by ticket number, paged rows. */
export default function StaffTicketsPage() {
  const session = useStaffSession(ROUTES.staffTickets);
  const [params] = useState(() => {
    const raw = Taro.getCurrentInstance().router?.params ?? {};
    const linked: Record<string, string> = {};
    for (const f of LINK_FILTERS) {
      const v = routeParam(raw, f);
      if (v) linked[f] = v;
    }
    return { linked, title: routeParam(raw, 'title'), status: routeParam(raw, 'status') };
  });
  const [filters, setFilters] = useState<Record<string, string>>(params.linked);
  const [status, setStatus] = useState(params.status);
  const [source, setSource] = useState('');
  const [monthText, setMonthText] = useState(params.linked.month ?? '');
  const [monthError, setMonthError] = useState('');
  const [search, setSearch] = useState('');
  const [ticketNo, setTicketNo] = useState('');
  const scope = { ...filters, ...(source ? { source } : {}) };
  const key = session ? JSON.stringify({ status, ticketNo, scope }) : null;
  const list = usePaged(key, '件', (page, pageSize) =>
    listTickets({
      page,
      pageSize,
      ...scope,
      ...(status ? { status } : {}),
      ...(ticketNo ? { ticketNo } : {}),
    }),
  );
  const [counts] = useRemote(session ? `counts|${JSON.stringify(scope)}` : null, async () => {
    const totals = await Promise.all(
      TICKET_STATUSES.map((s) => countOf('/api/tickets', { ...scope, status: s })),
    );
    return Object.fromEntries(TICKET_STATUSES.map((s, i) => [s, totals[i]]));
  });
  if (!session) return null;

  const applyMonth = () => {
    const m = monthText.trim();
    if (m && !MONTH.test(m)) {
      setMonthError('月份格式为 YYYY-MM，如 2026-11');
      return;
    }
    setMonthError('');
    const next = { ...filters };
    if (m) next.month = m;
    else delete next.month;
    setFilters(next);
    list.restart();
  };
  const linkedText = filterText(
    filters,
    filters.departmentId || filters.windowId || filters.staffId ? params.title : '',
  );

  const tab = (value: string, label: string) => {
    const count = value && counts.kind === 'ready' ? counts.data[value] : null;
    const name = count === null ? label : `${label} ${count}`;
    return (
      <StaffTab
        key={value || 'all'}
        kind="tab"
        on={status === value}
        name={name}
        testId={`tab-${value || 'all'}`}
        onClick={() => {
          setStatus(value);
          list.restart();
        }}
      >
        {name}
      </StaffTab>
    );
  };

  return (
    <StaffFrame title="整改工单" testId="staff-tickets" user={session.user}>
      <View className="staff-tabs" {...a11y('工单状态', { role: 'tablist' })}>
        {tab('', '全部')}
        {TICKET_STATUSES.map((s) => tab(s, TICKET_STATUS_LABELS[s]))}
      </View>
      <FieldButton
        field={{
          label: '工单号',
          a11yName: '工单号',
          value: search,
          onChange: setSearch,
          maxLength: 32,
          placeholder: '输入工单号或其开头，如 ZG20261118',
          testId: 'search',
        }}
        text="查询"
        testId="search-go"
        onGo={() => {
          setTicketNo(search.trim());
          list.restart();
        }}
      />
      <FieldButton
        before={
          <View className="staff-filters__group" {...a11y('来源', { role: 'group' })}>
            {SOURCES.map(([value, label]) => (
              <StaffTab
                key={value || 'any'}
                kind="toggle"
                on={source === value}
                name={label}
                testId={`source-${value || 'any'}`}
                onClick={() => {
                  setSource(value);
                  list.restart();
                }}
              >
                {label}
              </StaffTab>
            ))}
          </View>
        }
        field={{
          label: '月份',
          a11yName: '月份',
          value: monthText,
          onChange: setMonthText,
          maxLength: 7,
          placeholder: 'YYYY-MM，留空为全部',
          error: monthError,
          testId: 'month-filter',
        }}
        className="staff-filters"
        fieldClassName="staff-filters__month"
        text="筛选"
        name="按月份筛选"
        testId="month-go"
        onGo={applyMonth}
      />
      {linkedText || filters.overdue || filters.nearDue ? (
        <View className="staff-filters__linked" data-testid="linked-filters">
          <Text>{`筛选：${linkedText}`}</Text>
          <Button
            className="btn btn--plain staff-filters__clear"
            data-testid="clear-filters"
            {...a11y('清除筛选')}
            onClick={() => {
              setFilters({});
              setMonthText('');
              list.restart();
            }}
          >
            清除筛选
          </Button>
        </View>
      ) : null}
      <StaffRows list={list} texts={LOAD_TEXTS} empty="没有符合条件的工单" name="tickets">
        {(items) =>
          items.map((t) => (
            <View key={t.id} className="staff-row" data-testid="ticket-row">
              <TicketNo ticket={t} testId="ticket-no" />
              <Text className={`staff-status staff-status--${t.status}`}>
                {TICKET_STATUS_LABELS[t.status]}
              </Text>
              <Text className="staff-row__cell">{ticketSource(t)}</Text>
              <Text className="staff-row__cell">{`期限 ${formatDate(t.dueAt)}`}</Text>
              <DueBadges ticket={t} urge />
            </View>
          ))
        }
      </StaffRows>
    </StaffFrame>
  );
}
