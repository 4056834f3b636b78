import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { LEVEL_LABELS, TICKET_STATUS_LABELS, TICKET_STATUSES } from '@haochaping/domain';
import Button from '../../components/Button';
import Pager from '../../components/Pager';
import LoadState, { type LoadTexts } from '../../components/LoadState';
import StaffFrame from '../../components/StaffFrame';
import TextField from '../../components/TextField';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import { useStaffSession } from '../../hooks/useStaffSession';
import { countOf, listTickets } from '../../services/staff-api';
import { a11y } from '../../utils/a11y';
import { formatDate } from '../../utils/format';
import { openPage, routeParam } from '../../utils/nav';
import { dueBadge, SOURCE_LABELS } from '../labels';
import './index.scss';

const PAGE_SIZE = 20;

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

function filterText(filters: Record<string, string>, title: string): string {
  const parts = [title];
  if (filters.month)
    parts.push(`${filters.month.slice(0, 4)}年${Number(filters.month.slice(5))}月`);
  if (filters.overdue === 'true') parts.push('已超期');
  if (filters.nearDue === 'true') parts.push('即将到期');
  return parts.filter(Boolean).join(' · ');
}

const LOAD_TEXTS: LoadTexts = {
  invalid: '请返回工作台重新进入。',
  expiredTitle: '登录已过期',
  expired: '请重新登录。',
  errorTitle: '暂时无法加载工单',
};

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
  const [page, setPage] = useState(1);
  const scope = { ...filters, ...(source ? { source } : {}) };
  const key = session ? JSON.stringify({ status, ticketNo, page, scope }) : null;
  const [rows, reload] = useRemote(key, () =>
    listTickets({
      page,
      pageSize: PAGE_SIZE,
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
    setPage(1);
  };
  const linkedText = filterText(
    filters,
    filters.departmentId || filters.windowId || filters.staffId ? params.title : '',
  );

  const tab = (value: string, label: string) => {
    const count = value && counts.kind === 'ready' ? counts.data[value] : null;
    const name = count === null ? label : `${label} ${count}`;
    return (
      <Button
        key={value || 'all'}
        className={`staff-tab ${status === value ? 'staff-tab--on' : ''}`}
        data-testid={`tab-${value || 'all'}`}
        {...a11y(name, { role: 'tab', selected: status === value })}
        onClick={() => {
          setStatus(value);
          setPage(1);
        }}
      >
        {name}
      </Button>
    );
  };

  return (
    <StaffFrame title="整改工单" testId="staff-tickets" user={session.user}>
      <View className="staff-tabs" {...a11y('工单状态', { role: 'tablist' })}>
        {tab('', '全部')}
        {TICKET_STATUSES.map((s) => tab(s, TICKET_STATUS_LABELS[s]))}
      </View>
      <View className="staff-search">
        <View className="staff-search__field">
          <TextField
            label="工单号"
            a11yName="工单号"
            value={search}
            onChange={setSearch}
            onConfirm={() => {
              setTicketNo(search.trim());
              setPage(1);
            }}
            maxLength={32}
            placeholder="输入工单号或其开头，如 ZG20261118"
            testId="search"
          />
        </View>
        <Button
          className="btn btn--ghost staff-search__go"
          data-testid="search-go"
          {...a11y('查询')}
          onClick={() => {
            setTicketNo(search.trim());
            setPage(1);
          }}
        >
          查询
        </Button>
      </View>
      <View className="staff-filters">
        <View className="staff-filters__group" {...a11y('来源', { role: 'group' })}>
          {[
            ['', '全部来源'],
            ['rating', '差评'],
            ['complaint', '投诉'],
          ].map(([value, label]) => (
            <Button
              key={value || 'any'}
              className={`staff-tab ${source === value ? 'staff-tab--on' : ''}`}
              data-testid={`source-${value || 'any'}`}
              {...a11y(label, { pressed: source === value })}
              onClick={() => {
                setSource(value);
                setPage(1);
              }}
            >
              {label}
            </Button>
          ))}
        </View>
        <View className="staff-filters__month">
          <TextField
            label="月份"
            a11yName="月份"
            value={monthText}
            onChange={setMonthText}
            onConfirm={applyMonth}
            maxLength={7}
            placeholder="YYYY-MM，留空为全部"
            error={monthError}
            testId="month-filter"
          />
        </View>
        <Button
          className="btn btn--ghost staff-search__go"
          data-testid="month-go"
          {...a11y('按月份筛选')}
          onClick={applyMonth}
        >
          筛选
        </Button>
      </View>
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
              setPage(1);
            }}
          >
            清除筛选
          </Button>
        </View>
      ) : null}
      {rows.kind !== 'ready' ? (
        <LoadState state={rows} texts={LOAD_TEXTS} onRetry={reload} />
      ) : rows.data.items.length === 0 ? (
        <Text className="staff-empty" data-testid="tickets-empty">
          没有符合条件的工单
        </Text>
      ) : (
        <View className="staff-table" data-testid="tickets-table">
          {rows.data.items.map((t) => {
            const badge = dueBadge(t);
            return (
              <View key={t.id} className="staff-row" data-testid="ticket-row">
                <Button
                  className="staff-row__no"
                  data-testid="ticket-no"
                  {...a11y(`工单 ${t.ticketNo}`)}
                  onClick={() => openPage(ROUTES.staffTicket, { id: t.id })}
                >
                  {t.ticketNo}
                </Button>
                <Text className={`staff-status staff-status--${t.status}`}>
                  {TICKET_STATUS_LABELS[t.status]}
                </Text>
                <Text className="staff-row__cell">
                  {t.level
                    ? `${SOURCE_LABELS[t.source]} · ${LEVEL_LABELS[t.level]}`
                    : SOURCE_LABELS[t.source]}
                </Text>
                <Text className="staff-row__cell">{`期限 ${formatDate(t.dueAt)}`}</Text>
                {badge ? (
                  <Text className={`staff-badge staff-badge--${badge.tone}`}>{badge.text}</Text>
                ) : null}
                {t.urgeCount ? (
                  <Text className="staff-badge staff-badge--urge" data-testid="urge-count">
                    {`督办 ×${t.urgeCount}`}
                  </Text>
                ) : null}
              </View>
            );
          })}
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={rows.data.total}
            unit="件"
            onPage={setPage}
          />
        </View>
      )}
    </StaffFrame>
  );
}
