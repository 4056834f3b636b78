import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaMonth, firstSort, previousMonth, type Sort } from '@haochaping/domain';
import AdminChoice from '../../components/AdminChoice';
import Button from '../../components/Button';
import LoadState from '../../components/LoadState';
import Pager from '../../components/Pager';
import RankingTable from '../../components/RankingTable';
import StaffFrame from '../../components/StaffFrame';
import SvgChart from '../../components/SvgChart';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import { useStaffSession } from '../../hooks/useStaffSession';
import { departmentChoices } from '../../services/admin-api';
import { errorMessage } from '../../services/request';
import {
  badTagsOf,
  countOf,
  downloadMonthly,
  freezeMonth,
  scoresOf,
  trendOf,
  type ScoreRow,
  type ScoreUnit,
  type Trend,
} from '../../services/staff-api';
import { a11y, ariaLive } from '../../utils/a11y';
import { barChartSvg, lineChartSvg } from '../../utils/charts';
import { formatDateTime } from '../../utils/format';
import { openPage, routeParam } from '../../utils/nav';
import { linkParams, percent } from '../../utils/ranking';
import { staffLoadTexts } from '../labels';
import './index.scss';

const UNITS: { value: ScoreUnit; label: string; counted: string }[] = [
  { value: 'department', label: '部门', counted: '个部门' },
  { value: 'window', label: '窗口', counted: '个窗口' },
  { value: 'staff', label: '工作人员', counted: '人' },
];

/** Rows of a ranking page: a centre can have thousands of staff. */
const RANKING_PAGE = 20;

const LOAD_TEXTS = staffLoadTexts('暂时无法加载成绩');

/** The month's report, as a spreadsheet or as plain CSV. */
const EXPORTS = [
  ['xlsx', 'Excel'],
  ['csv', 'CSV'],
] as const;

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/** The departments by name; a name two of them share gets its code (不动产登记中心（D02）). */
function departmentOptions(items: readonly { id: number; name: string; code: string }[]) {
  const named = new Map<string, number>();
  for (const d of items) named.set(d.name, (named.get(d.name) ?? 0) + 1);
  return items.map((d) => ({
    value: String(d.id),
    text: (named.get(d.name) ?? 0) > 1 ? `${d.name}（${d.code}）` : d.name,
  }));
}

/** 差评/投诉 work in hand now, whatever the month: 待受理, 已超期, 即将到期. */
async function ticketFigures() {
  const [open, running, overdue, nearDue] = await Promise.all([
    countOf('/api/tickets', { status: 'open' }),
    countOf('/api/tickets', { status: 'in_progress' }),
    countOf('/api/tickets', { overdue: 'true' }),
    countOf('/api/tickets', { nearDue: 'true' }),
  ]);
  return [
    { label: '待受理', value: open, testId: 'figure-open', params: { status: 'open' } },
    {
      label: '整改中',
      value: running,
      testId: 'figure-in-progress',
      params: { status: 'in_progress' },
    },
    { label: '已超期', value: overdue, testId: 'figure-overdue', params: { overdue: 'true' } },
    { label: '即将到期', value: nearDue, testId: 'figure-near-due', params: { nearDue: 'true' } },
  ];
}

function TrendChart({ trend, title }: { trend: Trend; title: string }) {
  const labels = trend.months.map((p) => `${Number(p.month.slice(5))}月`);
  const scores = trend.months.map((p) => p.score);
  const good = trend.months.map((p) => p.goodRate);
  const latest = [...trend.months].reverse().find((p) => p.score !== null);
  const summary = latest
    ? `${title}：${monthLabel(latest.month)}综合得分 ${latest.score?.toFixed(2)}，好评率 ${percent(latest.goodRate)}`
    : `${title}：近 12 个月没有评价`;
  const svg = lineChartSvg(
    labels,
    [
      {
        name: '综合得分',
        colour: '#1a5fb4',
        values: scores,
        format: (v) => v.toFixed(0),
        range: [Math.min(60, ...scores.filter((v): v is number => v !== null)), 100],
      },
      {
        name: '好评率',
        colour: '#c7000b',
        values: good,
        format: (v) => `${Math.round(v * 100)}%`,
        range: [Math.min(0.6, ...good.filter((v): v is number => v !== null)), 1],
      },
    ],
    summary,
  );
  return (
    <View className="dash-chart">
      <Text className="dash-chart__title">{title}</Text>
      <SvgChart svg={svg} label={summary} testId="trend-chart" />
      <Text className="dash-chart__summary">{summary}</Text>
    </View>
  );
}

/** 数据看板: a month's rankings with every indicator, the trend, the bad ratings' tags, publishing. */
export default function StaffDashboardPage() {
  const session = useStaffSession(ROUTES.staffDashboard);
  const thisMonth = chinaMonth(new Date());
  const asked = routeParam(Taro.getCurrentInstance().router?.params ?? {}, 'month');
  const [month, setMonth] = useState(/^\d{4}-\d{2}$/.test(asked) ? asked : thisMonth);
  const [by, setBy] = useState<ScoreUnit>('department');
  const [sort, setSort] = useState<Sort>(firstSort('rank'));
  /** The department whose windows or staff are ranked; null: the handler's own, or all. */
  const [dept, setDept] = useState<string | null>(null);
  const [trendDept, setTrendDept] = useState<{ id: number; name: string } | null>(null);
  const [busy, setBusy] = useState('');
  const [notice, setNotice] = useState('');
  const ownDept = session?.user.role === 'department' ? session.user.departmentId : null;
  const filter = by === 'department' ? '' : (dept ?? (ownDept ? String(ownDept) : ''));
  // The page belongs to one ranking: another month, unit, filter or order starts on page 1.
  const ranking = `${month}|${by}|${filter}|${sort.key}|${sort.descending}`;
  const [paged, setPaged] = useState({ ranking, page: 1 });
  const page = paged.ranking === ranking ? paged.page : 1;
  const setPage = (next: number) => setPaged({ ranking, page: next });
  const [scores, reloadScores] = useRemote(session ? `${ranking}|${page}` : null, () =>
    scoresOf(month, by, {
      page,
      pageSize: RANKING_PAGE,
      departmentId: filter ? Number(filter) : undefined,
      sort,
    }),
  );
  const [departments] = useRemote(session && by !== 'department' ? 'departments' : null, () =>
    departmentChoices(),
  );
  const [figures, reloadFigures] = useRemote(session ? 'figures' : null, ticketFigures);
  const [centre] = useRemote(session ? 'centre' : null, () => trendOf('centre'));
  const [deptTrend] = useRemote(session && trendDept ? `d${trendDept.id}` : null, () =>
    trendOf('department', trendDept?.id),
  );
  const [tags] = useRemote(session ? `${month}|${trendDept?.id ?? ''}` : null, () =>
    badTagsOf(month, trendDept?.id),
  );
  if (!session) return null;
  const supervisor = session.user.role === 'supervisor';

  const drill = (row: ScoreRow, what: 'ratings' | 'tickets') =>
    openPage(what === 'tickets' ? ROUTES.staffTickets : ROUTES.staffRatings, {
      ...linkParams(row.links[what]),
      title: row.name,
    });

  const publish = async () => {
    const sure = await Taro.showModal({
      title: `发布${monthLabel(month)}成绩`,
      content: '发布后本月成绩冻结，之后的变动只作为更正记入下月，不能撤销。确定发布吗？',
      confirmText: '确定发布',
      cancelText: '取消',
    });
    if (!sure.confirm) return;
    setBusy('publish');
    setNotice('');
    try {
      await freezeMonth(month);
      setNotice(`${monthLabel(month)}成绩已发布并冻结`);
      reloadScores();
    } catch (error) {
      setNotice(`发布失败：${errorMessage(error)}`);
    } finally {
      setBusy('');
    }
  };

  const download = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    setNotice('');
    try {
      await downloadMonthly(month, format);
      setNotice(`已下载${monthLabel(month)}月报（${format === 'xlsx' ? 'Excel' : 'CSV'}）`);
    } catch (error) {
      setNotice(`下载失败：${errorMessage(error)}`);
    } finally {
      setBusy('');
    }
  };

  const view = scores.kind === 'ready' ? scores.data : null;
  const unit = UNITS.find((u) => u.value === by);
  const finished = month < thisMonth;

  return (
    <StaffFrame title="数据看板" testId="staff-dashboard" user={session.user}>
      <View className="dash-month">
        <Button
          className="btn btn--plain dash-month__step"
          data-testid="month-prev"
          {...a11y('上月')}
          onClick={() => setMonth(previousMonth(month))}
        >
          上月
        </Button>
        <Text className="dash-month__label" data-testid="month" {...ariaLive}>
          {monthLabel(month)}
        </Text>
        <Button
          className="btn btn--plain dash-month__step"
          data-testid="month-next"
          disabled={month >= thisMonth}
          {...a11y('下月', { disabled: month >= thisMonth })}
          onClick={() => setMonth(nextMonth(month))}
        >
          下月
        </Button>
        {view ? (
          <Text
            className={`dash-month__state ${view.frozen ? 'dash-month__state--frozen' : ''}`}
            data-testid="frozen-state"
          >
            {view.frozen
              ? `已发布 ${formatDateTime(view.frozenAt ?? '')}`
              : finished
                ? '未发布'
                : '本月进行中，数据实时更新'}
          </Text>
        ) : null}
      </View>

      {figures.kind === 'ready' ? (
        <View className="dash-figures" data-testid="ticket-figures">
          {figures.data.map((f) => (
            <Button
              key={f.testId}
              className="dash-figure"
              data-testid={f.testId}
              onClick={() => openPage(ROUTES.staffTickets, f.params)}
            >
              <Text className="dash-figure__value">{String(f.value)}</Text>
              <Text className="dash-figure__label">{f.label}</Text>
            </Button>
          ))}
        </View>
      ) : figures.kind === 'error' ? (
        <LoadState state={figures} texts={LOAD_TEXTS} onRetry={reloadFigures} />
      ) : null}

      {supervisor ? (
        <View className="staff-card dash-publish" data-testid="publish-card">
          <Text className="staff-card__title">发布与导出</Text>
          <View className="dash-publish__actions">
            <Button
              className="btn btn--primary dash-publish__btn"
              data-testid="publish"
              disabled={!view || view.frozen || !finished || busy !== ''}
              loading={busy === 'publish'}
              {...a11y(`发布并冻结${monthLabel(month)}成绩`, {
                disabled: !view || view.frozen || !finished || busy !== '',
              })}
              onClick={() => void publish()}
            >
              {busy === 'publish' ? '正在发布…' : '发布并冻结'}
            </Button>
            {EXPORTS.map(([format, name]) => (
              <Button
                key={format}
                className="btn btn--ghost dash-publish__btn"
                data-testid={`download-${format}`}
                disabled={busy !== ''}
                loading={busy === format}
                {...a11y(`下载 ${name}（${monthLabel(month)}月报）`, { disabled: busy !== '' })}
                onClick={() => void download(format)}
              >
                {busy === format ? '正在生成…' : `下载 ${name}`}
              </Button>
            ))}
          </View>
          {!finished ? <Text className="dash-publish__hint">本月结束后才能发布。</Text> : null}
          {notice ? (
            <Text className="dash-publish__notice" data-testid="publish-notice" {...ariaLive}>
              {notice}
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className="staff-tabs" {...a11y('排名对象', { role: 'tablist' })}>
        {UNITS.map((u) => (
          <Button
            key={u.value}
            className={`staff-tab ${by === u.value ? 'staff-tab--on' : ''}`}
            data-testid={`by-${u.value}`}
            {...a11y(`${u.label}排名`, { role: 'tab', selected: by === u.value })}
            onClick={() => setBy(u.value)}
          >
            {`${u.label}排名`}
          </Button>
        ))}
      </View>
      {by !== 'department' ? (
        <View className="dash-filter">
          <AdminChoice
            label="所属部门"
            options={[
              { value: '', text: '全部部门' },
              ...(departments.kind === 'ready' ? departmentOptions(departments.data.items) : []),
            ]}
            value={filter}
            onChange={setDept}
            hint={
              departments.kind === 'error'
                ? '部门列表暂时无法加载'
                : departments.kind === 'ready' &&
                    departments.data.total > departments.data.items.length
                  ? `仅列出前 ${departments.data.items.length} 个部门`
                  : undefined
            }
            testId="ranking-department"
          />
        </View>
      ) : null}
      {scores.kind !== 'ready' ? (
        <LoadState state={scores} texts={LOAD_TEXTS} onRetry={reloadScores} />
      ) : (scores.data.total ?? scores.data.rows.length) === 0 ? (
        <Text className="staff-empty" data-testid="ranking-empty">
          {filter ? `所选部门没有${unit?.label ?? ''}` : `还没有${unit?.label ?? ''}`}
        </Text>
      ) : (
        <View className="dash-ranking">
          <Text className="dash-hint">
            {`样本不足 ${scores.data.minimumSample} 条的不参与排名；点击数字查看其评价或工单${by === 'department' ? '，点击部门名称查看其趋势' : ''}。`}
          </Text>
          <RankingTable
            rows={scores.data.rows}
            caption={unit?.label ?? ''}
            onDrill={drill}
            onTrend={
              by === 'department'
                ? (row) => setTrendDept({ id: row.id, name: row.name })
                : undefined
            }
            trendId={trendDept?.id ?? null}
            sort={sort}
            onSort={setSort}
          />
          <Pager
            page={scores.data.page ?? page}
            pageSize={RANKING_PAGE}
            total={scores.data.total ?? scores.data.rows.length}
            unit={unit?.counted ?? '个'}
            onPage={setPage}
            testId="ranking-pager"
          />
        </View>
      )}

      <View className="dash-charts">
        <View className="staff-card dash-charts__item">
          <Text className="staff-card__title">近 12 个月趋势</Text>
          {centre.kind === 'ready' ? <TrendChart trend={centre.data} title="全中心" /> : null}
          {trendDept && deptTrend.kind === 'ready' ? (
            <TrendChart trend={deptTrend.data} title={trendDept.name} />
          ) : (
            <Text className="dash-hint">在部门排名中点击部门名称，可查看该部门的趋势。</Text>
          )}
        </View>
        <View className="staff-card dash-charts__item">
          <Text className="staff-card__title">
            {`${monthLabel(month)}差评标签${trendDept ? `（${trendDept.name}）` : ''}`}
          </Text>
          {tags.kind !== 'ready' ? null : tags.data.items.length === 0 ? (
            <Text className="dash-hint" data-testid="tags-empty">
              本月没有差评
            </Text>
          ) : (
            <SvgChart
              svg={barChartSvg(
                tags.data.items.slice(0, 10).map((t) => ({ label: t.tag, value: t.count })),
                `差评标签：${tags.data.items
                  .slice(0, 10)
                  .map((t) => `${t.tag} ${t.count} 次`)
                  .join('，')}`,
              )}
              label={`差评标签：${tags.data.items
                .slice(0, 10)
                .map((t) => `${t.tag} ${t.count} 次`)
                .join('，')}`}
              testId="tag-chart"
            />
          )}
        </View>
      </View>
    </StaffFrame>
  );
}
