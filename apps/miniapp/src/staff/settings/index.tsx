import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { LEVEL_LABELS, RATING_LEVELS, type RatingLevel } from '@haochaping/domain';
import AdminLoad from '../../components/AdminLoad';
import Button from '../../components/Button';
import TextField from '../../components/TextField';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import {
  formErrors,
  getSettings,
  saveSettings,
  type ScoreWeights,
  type Settings,
  type SettingsBody,
} from '../../services/admin-api';
import { a11y, ariaLive } from '../../utils/a11y';
import { WEIGHT_LABELS } from '../admin-labels';
import { adminScreen } from '../components/admin-screen';
import AdminChoice from '../../components/AdminChoice';
import { FieldButton, FormActions, Heading, Notice } from '../components/form';
import './index.scss';

type NumberKey =
  | 'ratingWindowDays'
  | 'followUpDays'
  | 'ticketDueWorkingDays'
  | 'firstContactWorkingDays'
  | 'minimumSample';

/** Each number setting: its name, unit, what it means, and the API's range. */
const NUMBERS: Record<
  NumberKey,
  { label: string; unit: string; help: string; min: number; max: number }
> = {
  ratingWindowDays: {
    label: '评价期限',
    unit: '天',
    help: '办件办结后，群众可在多少天内评价',
    min: 1,
    max: 90,
  },
  followUpDays: {
    label: '追评期限',
    unit: '天',
    help: '评价后多少天内可追加一次评价（0 为不允许追评）',
    min: 0,
    max: 180,
  },
  ticketDueWorkingDays: {
    label: '整改期限',
    unit: '个工作日',
    help: '差评工单生成后，部门须在多少个工作日内办结',
    min: 1,
    max: 60,
  },
  firstContactWorkingDays: {
    label: '首次联系期限',
    unit: '个工作日',
    help: '工单生成后，须在多少个工作日内首次联系群众',
    min: 1,
    max: 10,
  },
  minimumSample: {
    label: '最低样本量',
    unit: '条',
    help: '当月有效评价少于此数的单位显示为“样本不足”，不参与排名',
    min: 1,
    max: 1000,
  },
};

const WEIGHT_KEYS = Object.keys(WEIGHT_LABELS) as (keyof ScoreWeights)[];
const TAGS_MAX = 12;
const TAG_MAX = 20;

type LevelKey = `${RatingLevel}`;

type TemplateKey = keyof Settings['subscribeTemplateFields'];

/** The values of the WeChat ticket-progress message, by the template's keyword names. */
const TEMPLATE_FIELDS: Record<TemplateKey, string> = {
  ticketNo: '工单号',
  status: '处理状态',
  content: '处理内容（答复，最多 20 字）',
  time: '更新时间',
};
const TEMPLATE_KEYS = Object.keys(TEMPLATE_FIELDS) as TemplateKey[];
// The API's rule: a keyword such as thing3, time4, character_string1, phrase2 (or empty).
const TEMPLATE_NAME = /^([a-z_]+\d{1,2})?$/;

interface Draft {
  numbers: Record<NumberKey, string>;
  weights: Record<keyof ScoreWeights, string>;
  tags: Record<LevelKey, string[]>;
  template: Record<TemplateKey, string>;
  /** The provincial data exchange: area code, satisfaction direction, projectNo prefix. */
  areaCode: string;
  direction: string;
  prefix: string;
  /** 默认评价 and SMS invitations: switches as '1'/'0', the level, the days. */
  defaultOn: string;
  defaultLevel: string;
  smsOn: string;
  smsDays: string;
}

/** The draft's plain text fields of the exchange and unrated-transaction cards. */
type ExchangeField =
  'areaCode' | 'direction' | 'prefix' | 'defaultOn' | 'defaultLevel' | 'smsOn' | 'smsDays';

const ON_OFF = [
  { value: '0', text: '关闭' },
  { value: '1', text: '开启' },
];
const DEFAULT_LEVELS = [3, 4, 5].map((level) => ({
  value: String(level),
  text: LEVEL_LABELS[level as RatingLevel],
}));

const DIRECTIONS = [
  { value: 'level', text: '1 非常不满意 … 5 非常满意（常见网关）' },
  { value: 'gbt', text: '1 非常满意 … 5 非常不满意（GB/T 39046）' },
];
const AREA_CODE = /^(\d{12})?$/;
const PREFIX = /^[0-9A-Za-z-]{0,16}$/;

function draftOf(s: Settings): Draft {
  const numbers = {} as Record<NumberKey, string>;
  for (const key of Object.keys(NUMBERS) as NumberKey[]) numbers[key] = String(s[key]);
  const weights = {} as Record<keyof ScoreWeights, string>;
  for (const key of WEIGHT_KEYS) weights[key] = String(s.scoreWeights[key]);
  const tags = {} as Record<LevelKey, string[]>;
  for (const level of RATING_LEVELS) {
    tags[`${level}`] = [...(s.ratingOptions.levels.find((l) => l.level === level)?.tags ?? [])];
  }
  const template = { ...s.subscribeTemplateFields };
  return {
    numbers,
    weights,
    tags,
    template,
    areaCode: s.areaCode,
    direction: s.provincePush.satisfactionDirection,
    prefix: s.provincePush.projectNoPrefix,
    defaultOn: s.defaultRating.enabled ? '1' : '0',
    defaultLevel: String(s.defaultRating.level),
    smsOn: s.smsInvitation.enabled ? '1' : '0',
    smsDays: String(s.smsInvitation.afterDays),
  };
}

const isWhole = (text: string) => /^\d{1,4}$/.test(text.trim());

/** Chinese messages for every field the API may name in `details`. */
function rules(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, n] of Object.entries(NUMBERS)) {
    out[key] = `${n.label}须为 ${n.min}–${n.max} 的整数`;
  }
  for (const key of WEIGHT_KEYS) {
    out[`scoreWeights.${key}`] = `${WEIGHT_LABELS[key]}权重须为 0–100 的整数`;
  }
  for (const key of TEMPLATE_KEYS) {
    out[`subscribeTemplateFields.${key}`] =
      `${TEMPLATE_FIELDS[key]}须为模板中的关键词名称，如 thing3、time4（留空则不发送此项）`;
  }
  out.areaCode = '行政区划代码须为 12 位数字（留空表示未设置）';
  out['smsInvitation.afterDays'] = '短信邀评时间须为办结后 0–89 天的整数';
  out['provincePush.projectNoPrefix'] = '办件编号前缀最多 16 位字母、数字或横线';
  out['provincePush.satisfactionDirection'] = '请选择满意度编码方向';
  for (const level of RATING_LEVELS) {
    out[`levelTags.${level}`] =
      `“${LEVEL_LABELS[level]}”的选项最多 ${TAGS_MAX} 个，每个 1–${TAG_MAX} 个字且不能重复`;
  }
  return out;
}

function check(d: Draft): Record<string, string> {
  const hint = rules();
  const errors: Record<string, string> = {};
  for (const [key, n] of Object.entries(NUMBERS) as [NumberKey, (typeof NUMBERS)[NumberKey]][]) {
    const text = d.numbers[key];
    if (!isWhole(text) || Number(text) < n.min || Number(text) > n.max) errors[key] = hint[key];
  }
  for (const key of WEIGHT_KEYS) {
    const text = d.weights[key];
    if (!isWhole(text) || Number(text) > 100)
      errors[`scoreWeights.${key}`] = hint[`scoreWeights.${key}`];
  }
  for (const key of TEMPLATE_KEYS) {
    if (!TEMPLATE_NAME.test(d.template[key].trim()))
      errors[`subscribeTemplateFields.${key}`] = hint[`subscribeTemplateFields.${key}`];
  }
  if (!AREA_CODE.test(d.areaCode.trim())) errors.areaCode = hint.areaCode;
  if (!isWhole(d.smsDays) || Number(d.smsDays) > 89)
    errors['smsInvitation.afterDays'] = hint['smsInvitation.afterDays'];
  if (!PREFIX.test(d.prefix.trim()))
    errors['provincePush.projectNoPrefix'] = hint['provincePush.projectNoPrefix'];
  if (!errors.weights && WEIGHT_KEYS.every((k) => Number(d.weights[k]) === 0)) {
    errors.weights = '权重不能全部为 0';
  }
  return errors;
}

/** Only what changed: unchanged numbers are left out, tags only when a level's list changed. */
function bodyOf(before: Settings, d: Draft): SettingsBody {
  const body: SettingsBody = {};
  for (const key of Object.keys(NUMBERS) as NumberKey[]) {
    const value = Number(d.numbers[key]);
    if (value !== before[key]) body[key] = value;
  }
  const weights: Partial<ScoreWeights> = {};
  for (const key of WEIGHT_KEYS) {
    const value = Number(d.weights[key]);
    if (value !== before.scoreWeights[key]) weights[key] = value;
  }
  if (Object.keys(weights).length) body.scoreWeights = weights;
  const old = draftOf(before).tags;
  const tags: SettingsBody['levelTags'] = {};
  for (const level of RATING_LEVELS) {
    const key: LevelKey = `${level}`;
    if (d.tags[key].join('\n') !== old[key].join('\n')) tags[key] = d.tags[key];
  }
  if (Object.keys(tags).length) body.levelTags = tags;
  const template: SettingsBody['subscribeTemplateFields'] = {};
  for (const key of TEMPLATE_KEYS) {
    const value = d.template[key].trim();
    if (value !== before.subscribeTemplateFields[key]) template[key] = value;
  }
  if (Object.keys(template).length) body.subscribeTemplateFields = template;
  if (d.areaCode.trim() !== before.areaCode) body.areaCode = d.areaCode.trim();
  const push: NonNullable<SettingsBody['provincePush']> = {};
  if (d.direction !== before.provincePush.satisfactionDirection)
    push.satisfactionDirection = d.direction as 'level' | 'gbt';
  if (d.prefix.trim() !== before.provincePush.projectNoPrefix)
    push.projectNoPrefix = d.prefix.trim();
  if (Object.keys(push).length) body.provincePush = push;
  const defaultRating: NonNullable<SettingsBody['defaultRating']> = {};
  if ((d.defaultOn === '1') !== before.defaultRating.enabled)
    defaultRating.enabled = d.defaultOn === '1';
  if (Number(d.defaultLevel) !== before.defaultRating.level)
    defaultRating.level = Number(d.defaultLevel) as 3 | 4 | 5;
  if (Object.keys(defaultRating).length) body.defaultRating = defaultRating;
  const sms: NonNullable<SettingsBody['smsInvitation']> = {};
  if ((d.smsOn === '1') !== before.smsInvitation.enabled) sms.enabled = d.smsOn === '1';
  if (Number(d.smsDays) !== before.smsInvitation.afterDays) sms.afterDays = Number(d.smsDays);
  if (Object.keys(sms).length) body.smsInvitation = sms;
  return body;
}

function SettingsForm({ initial }: { initial: Settings }) {
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [adding, setAdding] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  const clear = (key: string) => {
    setErrors((e) => ({ ...e, [key]: '' }));
    setNotice('');
  };
  const setNumber = (key: NumberKey) => (value: string) => {
    setDraft((d) => ({ ...d, numbers: { ...d.numbers, [key]: value } }));
    clear(key);
  };
  const setWeight = (key: keyof ScoreWeights) => (value: string) => {
    setDraft((d) => ({ ...d, weights: { ...d.weights, [key]: value } }));
    clear(`scoreWeights.${key}`);
    clear('weights');
  };
  const setTemplate = (key: TemplateKey) => (value: string) => {
    setDraft((d) => ({ ...d, template: { ...d.template, [key]: value } }));
    clear(`subscribeTemplateFields.${key}`);
  };
  const setExchange = (field: ExchangeField, key: string) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    clear(key);
  };
  const setTags = (level: LevelKey, tags: string[]) => {
    setDraft((d) => ({ ...d, tags: { ...d.tags, [level]: tags } }));
    clear(`levelTags.${level}`);
  };

  const addTag = (level: LevelKey) => {
    const tag = (adding[level] ?? '').trim();
    const list = draft.tags[level];
    const key = `levelTags.${level}`;
    if (!tag) return setErrors((e) => ({ ...e, [key]: '请先输入选项文字' }));
    if (Array.from(tag).length > TAG_MAX)
      return setErrors((e) => ({ ...e, [key]: `每个选项最多 ${TAG_MAX} 个字` }));
    if (list.includes(tag)) return setErrors((e) => ({ ...e, [key]: `“${tag}”已在列表中` }));
    if (list.length >= TAGS_MAX)
      return setErrors((e) => ({ ...e, [key]: `每个等级最多 ${TAGS_MAX} 个选项` }));
    setTags(level, [...list, tag]);
    setAdding((a) => ({ ...a, [level]: '' }));
  };

  const save = () => {
    if (busy) return;
    const found = check(draft);
    setErrors(found);
    setFormError('');
    setNotice('');
    if (Object.values(found).some(Boolean)) {
      setFormError('有填写不正确的项目，请按提示修改');
      return;
    }
    const body = bodyOf(saved, draft);
    if (Object.keys(body).length === 0) {
      setNotice('没有修改任何设置');
      return;
    }
    setBusy(true);
    saveSettings(body).then(
      (next) => {
        setBusy(false);
        setSaved(next);
        setDraft(draftOf(next));
        setNotice(
          body.levelTags
            ? `已保存。评价选项已更新为第 ${next.ratingOptions.version} 版，已有评价保留原版本。`
            : '已保存，新设置立即生效。',
        );
      },
      (e: unknown) => {
        setBusy(false);
        const placed = formErrors(e, rules());
        setErrors(placed.fields);
        setFormError(placed.form || '有填写不正确的项目，请按提示修改');
      },
    );
  };

  const number = (key: NumberKey) => {
    const n = NUMBERS[key];
    return (
      <View className="settings-number" key={key}>
        <TextField
          label={`${n.label}（${n.unit}）`}
          a11yName={n.label}
          value={draft.numbers[key]}
          onChange={setNumber(key)}
          maxLength={4}
          numeric
          error={errors[key]}
          testId={`setting-${key}`}
        />
        <Text className="admin-muted settings-help">{`${n.help}，${n.min}–${n.max}`}</Text>
      </View>
    );
  };

  const weightTotal = WEIGHT_KEYS.reduce(
    (sum, k) => sum + (isWhole(draft.weights[k]) ? Number(draft.weights[k]) : 0),
    0,
  );

  const section = (title: string) => <Heading text={title} className="staff-card__title" />;

  return (
    <View data-testid="settings-form">
      <View className="staff-card">
        {section('评价与追评')}
        <View className="admin-form__grid">
          {number('ratingWindowDays')}
          {number('followUpDays')}
        </View>
      </View>
      <View className="staff-card">
        {section('差评整改期限')}
        <View className="admin-form__grid">
          {number('ticketDueWorkingDays')}
          {number('firstContactWorkingDays')}
        </View>
      </View>
      <View className="staff-card">
        {section('综合得分与排名')}
        <Text className="admin-muted settings-help">
          各项权重为 0–100 的整数，按比例折算为百分制得分。
        </Text>
        <View className="settings-weights">
          {WEIGHT_KEYS.map((key) => (
            <View className="settings-weight" key={key}>
              <TextField
                label={`${WEIGHT_LABELS[key]}权重`}
                a11yName={`${WEIGHT_LABELS[key]}权重`}
                value={draft.weights[key]}
                onChange={setWeight(key)}
                maxLength={3}
                numeric
                error={errors[`scoreWeights.${key}`]}
                testId={`weight-${key}`}
              />
              <Text className="admin-muted">
                {weightTotal > 0 && isWhole(draft.weights[key])
                  ? `占 ${Math.round((Number(draft.weights[key]) / weightTotal) * 1000) / 10}%`
                  : ' '}
              </Text>
            </View>
          ))}
        </View>
        <Text className="settings-total" data-testid="weight-total" {...ariaLive}>
          {errors.weights || `权重合计 ${weightTotal}`}
        </Text>
        <View className="admin-form__grid">{number('minimumSample')}</View>
      </View>
      <View className="staff-card" data-testid="template-fields">
        {section('微信订阅消息模板')}
        <Text className="admin-muted settings-help">
          整改进度通知所用模板中各项的关键词名称（在微信公众平台的模板详情中查看，如
          thing3、time4）；留空则不发送该项。
        </Text>
        <View className="admin-form__grid">
          {TEMPLATE_KEYS.map((key) => (
            <View className="settings-number" key={key}>
              <TextField
                label={TEMPLATE_FIELDS[key]}
                a11yName={`模板关键词：${TEMPLATE_FIELDS[key]}`}
                value={draft.template[key]}
                onChange={setTemplate(key)}
                maxLength={24}
                error={errors[`subscribeTemplateFields.${key}`]}
                testId={`template-${key}`}
              />
            </View>
          ))}
        </View>
      </View>
      <View className="staff-card" data-testid="province-exchange">
        {section('省平台数据交换')}
        <Text className="admin-muted settings-help">
          配置 PROVINCE_API_BASE
          后，评价、追评和整改结果推送至省好差评平台。部门的统一社会信用代码、事项的国家标准编码在“组织机构”中填写；渠道与选项编码表可通过接口
          PUT /api/settings 的 provincePush 调整。
        </Text>
        <View className="admin-form__grid">
          <View className="settings-number">
            <TextField
              label="行政区划代码（12 位）"
              a11yName="行政区划代码"
              value={draft.areaCode}
              onChange={setExchange('areaCode', 'areaCode')}
              maxLength={12}
              placeholder="如 370102000000"
              error={errors.areaCode}
              testId="setting-areaCode"
            />
          </View>
          <View className="settings-number">
            <TextField
              label="办件编号前缀（选填）"
              a11yName="办件编号前缀"
              value={draft.prefix}
              onChange={setExchange('prefix', 'provincePush.projectNoPrefix')}
              maxLength={16}
              error={errors['provincePush.projectNoPrefix']}
              testId="setting-projectNoPrefix"
            />
          </View>
        </View>
        <AdminChoice
          label="满意度编码方向"
          options={DIRECTIONS}
          value={draft.direction}
          onChange={setExchange('direction', 'provincePush.satisfactionDirection')}
          error={errors['provincePush.satisfactionDirection']}
          testId="setting-satisfactionDirection"
        />
      </View>
      <View className="staff-card" data-testid="unrated">
        {section('未评价的办件')}
        <Text className="admin-muted settings-help">
          默认评价：评价期限届满仍未评价的办件，记一条“默认评价”（单独统计，不计入任何评价率，不生成工单），仅对开启之后到期的办件生效。短信邀评：办结若干天后仍未评价的，向办事人发送一次评价链接短信（21:00–08:00
          不发送；需配置 SMS_PROVIDER）。
        </Text>
        <AdminChoice
          label="默认评价"
          options={ON_OFF}
          value={draft.defaultOn}
          onChange={setExchange('defaultOn', 'defaultRating.enabled')}
          testId="setting-defaultRating"
        />
        {draft.defaultOn === '1' ? (
          <AdminChoice
            label="默认评价等级"
            options={DEFAULT_LEVELS}
            value={draft.defaultLevel}
            onChange={setExchange('defaultLevel', 'defaultRating.level')}
            testId="setting-defaultLevel"
          />
        ) : null}
        <AdminChoice
          label="短信邀评"
          options={ON_OFF}
          value={draft.smsOn}
          onChange={setExchange('smsOn', 'smsInvitation.enabled')}
          testId="setting-smsInvitation"
        />
        {draft.smsOn === '1' ? (
          <View className="admin-form__grid">
            <View className="settings-number">
              <TextField
                label="办结后几天发送"
                a11yName="短信邀评：办结后几天发送"
                value={draft.smsDays}
                onChange={setExchange('smsDays', 'smsInvitation.afterDays')}
                maxLength={2}
                error={errors['smsInvitation.afterDays']}
                testId="setting-smsDays"
              />
            </View>
          </View>
        ) : null}
      </View>
      <View className="staff-card" data-testid="level-tags">
        {section(`评价选项（当前第 ${saved.ratingOptions.version} 版）`)}
        <Text className="admin-muted settings-help">
          群众评价时按等级显示的选项。修改后保存为新版本，已有评价保留其原版本。
        </Text>
        {RATING_LEVELS.map((level) => {
          const key: LevelKey = `${level}`;
          const label = LEVEL_LABELS[level];
          return (
            <View className="settings-level" key={key} data-testid={`level-${level}`}>
              <Text className="settings-level__name">{`${level} 星 · ${label}`}</Text>
              <View className="settings-tags" {...a11y(`${label}的选项`, { role: 'list' })}>
                {draft.tags[key].map((tag) => (
                  <View className="settings-tag" key={tag} {...{ role: 'listitem' }}>
                    <Text className="settings-tag__text">{tag}</Text>
                    <Button
                      className="settings-tag__remove"
                      {...a11y(`删除${label}的选项 ${tag}`)}
                      onClick={() =>
                        setTags(
                          key,
                          draft.tags[key].filter((t) => t !== tag),
                        )
                      }
                    >
                      ×
                    </Button>
                  </View>
                ))}
                {draft.tags[key].length === 0 ? (
                  <Text className="admin-muted">（无选项，群众只能选等级和写意见）</Text>
                ) : null}
              </View>
              <FieldButton
                field={{
                  label: `为“${label}”新增选项`,
                  a11yName: `为${label}新增选项`,
                  value: adding[key] ?? '',
                  onChange: (v) => {
                    setAdding((a) => ({ ...a, [key]: v }));
                    clear(`levelTags.${key}`);
                  },
                  maxLength: TAG_MAX,
                  placeholder: `最多 ${TAG_MAX} 个字`,
                  error: errors[`levelTags.${key}`],
                  testId: `tag-input-${level}`,
                }}
                className="settings-add"
                fieldClassName="settings-add__field"
                buttonClassName="settings-add__btn"
                text="添加"
                name={`添加${label}的选项`}
                testId={`tag-add-${level}`}
                onGo={() => addTag(key)}
              />
            </View>
          );
        })}
      </View>
      <View className="settings-actions">
        <Notice text={formError} error testId="form-error" />
        <Notice text={notice} testId="notice" />
        <FormActions
          text="保存设置"
          busy={busy}
          testId="settings-save"
          onClick={save}
          cancel={{
            text: '放弃修改',
            testId: 'settings-reset',
            onClick: () => {
              setDraft(draftOf(saved));
              setErrors({});
              setFormError('');
              setNotice('');
            },
          }}
        />
      </View>
    </View>
  );
}

function SettingsScreen() {
  const [settings, reload] = useRemote('settings', getSettings);
  if (settings.kind !== 'ready') {
    return <AdminLoad state={settings} what="系统设置" onRetry={reload} />;
  }
  return <SettingsForm initial={settings.data} />;
}

/** 系统设置: the locality's rules (periods, deadlines, weights, sample) and the rating options. */
export default adminScreen(
  { route: ROUTES.staffSettings, title: '系统设置', testId: 'staff-settings' },
  SettingsScreen,
);
