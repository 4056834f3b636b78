import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { chinaDate, isCalendarDate } from '@haochaping/domain';
import AdminChoice from '../../components/AdminChoice';
import AdminLoad from '../../components/AdminLoad';
import Button from '../../components/Button';
import TextField from '../../components/TextField';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import {
  calendarDay,
  calendarYear,
  formErrors,
  setCalendarDay,
  setYearNotice,
  type CalendarDay,
  type CalendarYear,
} from '../../services/admin-api';
import { a11y, ariaLive } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';
import { DAY_SOURCE_LABELS, DAY_TYPE_LABELS } from '../admin-labels';
import { adminScreen } from '../components/admin-screen';
import { FieldButton, FormActions, Heading, Notice } from '../components/form';
import { RowButton } from '../components/row';
import { NOTICE_LIMITS, parseLines, summarise, toLines, weekdayOf } from './notice';
import './index.scss';

const NAME_MAX = 50;
const RECOMPUTE = '期限为暂定的未办结工单将按新日历重新计算。';

const YEAR_SOURCE_LABELS: Record<CalendarYear['source'], string> = {
  official: '国家已公布（系统内置）',
  notice: '管理员录入的年度通知',
  statutory: '尚未公布：按法定节日推算，不含调休',
};

function dayText(d: CalendarDay): string {
  const what = d.working ? '工作日' : '休息日';
  const why = d.type ? `${DAY_TYPE_LABELS[d.type]}${d.name ? `「${d.name}」` : ''}` : '';
  return [`${d.date}（${weekdayOf(d.date)}）${what}`, why, `依据：${DAY_SOURCE_LABELS[d.source]}`]
    .filter(Boolean)
    .join(' · ');
}

/** One date: what it is now, and an administrator's override (节假日 or 调休上班, with a name). */
function DayCard() {
  // Today's status at once; another date on 查询.
  const [input, setInput] = useState(() => chinaDate(new Date()));
  const [date, setDate] = useState(input);
  const [inputError, setInputError] = useState('');
  const [day, reload] = useRemote(date ? `day:${date}` : null, () => calendarDay(date));
  const [type, setType] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState('');

  const look = () => {
    const value = input.trim();
    if (!isCalendarDate(value)) {
      setInputError('请按“年-月-日”填写一个存在的日期，如 2027-02-06');
      return;
    }
    setInputError('');
    setNotice('');
    setFailure('');
    setErrors({});
    setType('');
    setName('');
    if (value === date) reload();
    setDate(value);
  };

  const save = () => {
    if (busy || !date) return;
    const found: Record<string, string> = {};
    if (!type) found.type = '请选择这一天的类型';
    if (!name.trim()) found.name = `请填写名称，如 春节、国庆节调休（最多 ${NAME_MAX} 个字）`;
    setErrors(found);
    setFailure('');
    if (Object.keys(found).length) return;
    setBusy(true);
    setCalendarDay(date, { type: type as 'holiday' | 'workday', name: name.trim() }).then(
      (saved) => {
        setBusy(false);
        setNotice(`已保存：${dayText(saved)}。${RECOMPUTE}`);
        reload();
      },
      (e: unknown) => {
        setBusy(false);
        const placed = formErrors(e, {
          type: '请选择这一天的类型',
          name: `请填写名称（最多 ${NAME_MAX} 个字）`,
          date: '日期不正确',
        });
        setErrors(placed.fields);
        setFailure(placed.form || placed.fields.date || '');
      },
    );
  };

  return (
    <View className="staff-card" data-testid="calendar-day">
      <Heading text="单日调整" className="staff-card__title" />
      <Text className="admin-muted calendar-help">
        查看某一天是工作日还是休息日；国家日历有误或本地另有安排时，可将其设为节假日或调休上班。
      </Text>
      <FieldButton
        field={{
          label: '日期',
          a11yName: '日期',
          value: input,
          onChange: (v) => {
            setInput(v);
            setInputError('');
          },
          maxLength: 10,
          placeholder: '如 2027-02-06',
          error: inputError,
          testId: 'day-date',
        }}
        className="calendar-query"
        fieldClassName="calendar-query__field"
        buttonClassName="calendar-query__go"
        text="查询"
        name="查询这一天"
        testId="day-look"
        onGo={look}
      />
      {date && day.kind !== 'ready' ? (
        <AdminLoad state={day} what="这一天" onRetry={reload} />
      ) : null}
      {date && day.kind === 'ready' ? (
        <View className="admin-form" data-testid="day-form">
          <Text className="calendar-current" data-testid="day-current" {...ariaLive}>
            {`当前：${dayText(day.data)}`}
          </Text>
          {!day.data.covered ? (
            <Text className="calendar-warning">
              该年国家日历尚未公布或录入，按此计算的办理期限为暂定。
            </Text>
          ) : null}
          <AdminChoice
            label="设为"
            required
            options={[
              { value: 'holiday', text: DAY_TYPE_LABELS.holiday },
              { value: 'workday', text: DAY_TYPE_LABELS.workday },
            ]}
            value={type}
            onChange={(v) => {
              setType(v);
              setErrors((e) => ({ ...e, type: '' }));
            }}
            error={errors.type}
            testId="day-type"
          />
          <TextField
            label="名称"
            a11yName="名称"
            value={name}
            onChange={(v) => {
              setName(v);
              setErrors((e) => ({ ...e, name: '' }));
            }}
            maxLength={NAME_MAX}
            required
            placeholder="如 春节、国庆节调休"
            error={errors.name}
            testId="day-name"
          />
          <Notice text={failure} error />
          <Notice text={notice} testId="day-notice" />
          <FormActions text="保存调整" busy={busy} testId="day-save" onClick={save} />
        </View>
      ) : null}
    </View>
  );
}

/** The year's notice form: title, days off and 调休 working days as lines of text. */
function NoticeForm(props: {
  year: CalendarYear;
  onSaved: (y: CalendarYear) => void;
  onCancel: () => void;
}) {
  const { year } = props;
  const [title, setTitle] = useState(
    year.title ?? `国务院办公厅关于${year.year}年部分节假日安排的通知`,
  );
  const [holidays, setHolidays] = useState(toLines(year.holidays));
  const [workdays, setWorkdays] = useState(toLines(year.workdays));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);

  const save = () => {
    if (busy) return;
    const off = parseLines(holidays, year.year, 'holidays');
    const on = parseLines(workdays, year.year, 'workdays');
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = `请填写通知标题（最多 ${NOTICE_LIMITS.title} 个字）`;
    if (off.error) found.holidays = off.error;
    if (on.error) found.workdays = on.error;
    if (!off.error && !on.error) {
      const both = on.days.find((d) => off.days.some((h) => h.date === d.date));
      if (both) found.workdays = `${both.date} 同时列为休息日和调休上班日`;
    }
    setErrors(found);
    setFailure('');
    if (Object.keys(found).length) return;
    setBusy(true);
    setYearNotice(year.year, { title: title.trim(), holidays: off.days, workdays: on.days }).then(
      (saved) => {
        setBusy(false);
        props.onSaved(saved);
      },
      (e: unknown) => {
        setBusy(false);
        const placed = formErrors(e, {
          title: `请填写通知标题（最多 ${NOTICE_LIMITS.title} 个字）`,
          holidays: `休息日有误：须为 ${year.year} 年的日期，不重复，最多 ${NOTICE_LIMITS.holidays} 天`,
          workdays: `调休上班日有误：须为 ${year.year} 年的周六或周日，不重复，最多 ${NOTICE_LIMITS.workdays} 天`,
        });
        setErrors(placed.fields);
        setFailure(placed.form);
      },
    );
  };

  return (
    <View className="admin-form calendar-notice-form" data-testid="notice-form">
      <Heading text={`录入 ${year.year} 年节假日通知`} level={3} />
      <Text className="admin-muted calendar-help">
        按国务院办公厅通知填写，每行一段：“2027-02-06 春节”或“2027-02-06 至 2027-02-12
        春节”。保存后该年按此通知计算工作日，替换原有数据；单日调整仍然优先。
      </Text>
      <TextField
        label="通知标题"
        a11yName="通知标题"
        value={title}
        onChange={setTitle}
        maxLength={NOTICE_LIMITS.title}
        required
        error={errors.title}
        testId="notice-title"
      />
      <TextField
        label="放假日（休息）"
        a11yName="放假日"
        value={holidays}
        onChange={setHolidays}
        multiline
        maxLength={4000}
        error={errors.holidays}
        testId="notice-holidays"
      />
      <TextField
        label="调休上班日（周末上班）"
        a11yName="调休上班日"
        value={workdays}
        onChange={setWorkdays}
        multiline
        maxLength={2000}
        error={errors.workdays}
        testId="notice-workdays"
      />
      <Notice text={failure} error />
      <FormActions
        text="保存通知"
        busy={busy}
        testId="notice-save"
        onClick={save}
        cancel={{ onClick: props.onCancel }}
      />
    </View>
  );
}

/** A year: where its calendar comes from, its days off and 调休 working days; its notice. */
function YearCard() {
  const [yearNo, setYearNo] = useState(Number(chinaDate(new Date()).slice(0, 4)));
  const [year, reload] = useRemote(`year:${yearNo}`, () => calendarYear(yearNo));
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');

  const go = (n: number) => {
    setYearNo(n);
    setEditing(false);
    setNotice('');
  };

  const list = (label: string, days: CalendarYear['holidays'], testId: string) => (
    <View className="calendar-list" data-testid={testId}>
      <Text className="calendar-list__title">{`${label}（${days.length} 天）`}</Text>
      {days.length === 0 ? <Text className="admin-muted">无</Text> : null}
      {summarise(days).map((line) => (
        <Text key={line} className="calendar-list__item">
          {line}
        </Text>
      ))}
    </View>
  );

  return (
    <View className="staff-card" data-testid="calendar-year">
      <Heading text="年度节假日安排" className="staff-card__title" />
      <View className="calendar-years">
        <RowButton name="上一年" disabled={yearNo <= 2000} onClick={() => go(yearNo - 1)}>
          上一年
        </RowButton>
        <Text className="calendar-years__now" data-testid="year-now" {...ariaLive}>
          {`${yearNo} 年`}
        </Text>
        <RowButton name="下一年" disabled={yearNo >= 2100} onClick={() => go(yearNo + 1)}>
          下一年
        </RowButton>
      </View>
      {year.kind !== 'ready' ? (
        <AdminLoad state={year} what={`${yearNo} 年日历`} onRetry={reload} />
      ) : (
        <View>
          <Text
            className={`calendar-source ${year.data.covered ? '' : 'calendar-warning'}`}
            data-testid="year-source"
          >
            {`来源：${YEAR_SOURCE_LABELS[year.data.source]}${year.data.covered ? '' : '，按此计算的办理期限为暂定'}`}
          </Text>
          {year.data.title ? (
            <Text className="calendar-line">{`通知：${year.data.title}`}</Text>
          ) : null}
          {year.data.updatedAt ? (
            <Text className="admin-muted calendar-line">{`录入于 ${formatDateTime(year.data.updatedAt)}`}</Text>
          ) : null}
          <Notice text={notice} testId="year-notice" />
          <View className="calendar-lists">
            {list('休息日', year.data.holidays, 'year-holidays')}
            {list('调休上班', year.data.workdays, 'year-workdays')}
          </View>
          {editing ? (
            <NoticeForm
              year={year.data}
              onCancel={() => setEditing(false)}
              onSaved={(saved) => {
                setEditing(false);
                setNotice(
                  `已保存 ${saved.year} 年通知：休息日 ${saved.holidays.length} 天，调休上班 ${saved.workdays.length} 天。${RECOMPUTE}`,
                );
                reload();
              }}
            />
          ) : (
            <View className="admin-form__actions">
              <Button
                className="btn btn--ghost admin-form__btn"
                data-testid="notice-edit"
                {...a11y(
                  `${year.data.source === 'notice' ? '修改' : '录入'} ${yearNo} 年节假日通知`,
                )}
                onClick={() => {
                  setEditing(true);
                  setNotice('');
                }}
              >
                {year.data.source === 'notice' ? '修改本年通知' : '录入本年通知'}
              </Button>
            </View>
          )}
        </View>
      )}
    </View>
  );
}

function CalendarScreen() {
  return (
    <View data-testid="calendar">
      <DayCard />
      <YearCard />
    </View>
  );
}

/** 工作日历: what each day is, an administrator's corrections, and a year's official notice. */
export default adminScreen(
  { route: ROUTES.staffCalendar, title: '工作日历', testId: 'staff-calendar' },
  CalendarScreen,
);
