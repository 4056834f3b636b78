import { useState } from 'react';
import { View } from '@tarojs/components';
import { SERVICE_ITEM_CATEGORIES } from '@haochaping/domain';
import AdminChoice from '../../components/AdminChoice';
import { type AdminColumn } from '../../components/AdminTable';
import TextField from '../../components/TextField';
import { useRemote } from '../../hooks/useRemote';
import {
  createOrg,
  formErrors,
  listOrg,
  updateOrg,
  windowsOf,
  type Department,
  type OrgKind,
  type OrgKinds,
} from '../../services/admin-api';
import { FormActions, Heading, Notice, Toolbar } from '../components/form';
import { codedOptions } from '../admin-labels';
import { AdminList, usePaged } from '../components/paged-list';
import { RowButton } from '../components/row';

/** What each of the four lists calls its things, and which fields a record has. */
interface Spec {
  noun: string;
  unit: string;
  codeField: 'code' | 'staffNo';
  codeLabel: string;
  codeMax: number;
  nameLabel: string;
  nameMax: number;
  department: boolean;
  window: boolean;
  category: boolean;
  /** The optional code of the provincial data exchange this kind carries. */
  exchange?: { field: 'creditCode' | 'nationalCode'; label: string; max: number; rule: string };
}

/** 统一社会信用代码: 18 digits and capitals (no I, O, Z, S, V). */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const NATIONAL_CODE = /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/;

export const SPECS: Record<OrgKind, Spec> = {
  departments: {
    noun: '部门',
    unit: '个',
    codeField: 'code',
    codeLabel: '部门编码',
    codeMax: 32,
    nameLabel: '部门名称',
    nameMax: 100,
    department: false,
    window: false,
    category: false,
    exchange: {
      field: 'creditCode',
      label: '统一社会信用代码（选填）',
      max: 18,
      rule: '统一社会信用代码为 18 位数字或大写字母（不含 I、O、Z、S、V）',
    },
  },
  windows: {
    noun: '窗口',
    unit: '个',
    codeField: 'code',
    codeLabel: '窗口编码',
    codeMax: 32,
    nameLabel: '窗口名称',
    nameMax: 100,
    department: true,
    window: false,
    category: false,
  },
  staff: {
    noun: '工作人员',
    unit: '人',
    codeField: 'staffNo',
    codeLabel: '工号',
    codeMax: 32,
    nameLabel: '姓名',
    nameMax: 50,
    department: true,
    window: true,
    category: false,
  },
  'service-items': {
    noun: '事项',
    unit: '项',
    codeField: 'code',
    codeLabel: '事项编码',
    codeMax: 64,
    nameLabel: '事项名称',
    nameMax: 200,
    department: true,
    window: false,
    category: true,
    exchange: {
      field: 'nationalCode',
      label: '国家标准事项编码（选填，无则不推送省平台）',
      max: 64,
      rule: '国家标准事项编码为最多 64 位字母、数字、横线或下划线',
    },
  },
};

const CODE_PATTERN = /^[A-Za-z0-9_.-]+$/;

type Row = OrgKinds[OrgKind]['row'];

interface Draft {
  code: string;
  name: string;
  departmentId: string;
  windowId: string;
  category: string;
  /** creditCode of a department, nationalCode of a service item. */
  exchange: string;
}

const EMPTY: Draft = {
  code: '',
  name: '',
  departmentId: '',
  windowId: '',
  category: '',
  exchange: '',
};

function draftOf(row: Row): Draft {
  return {
    code: 'staffNo' in row ? row.staffNo : row.code,
    name: row.name,
    departmentId: 'departmentId' in row ? String(row.departmentId) : '',
    windowId: 'windowId' in row && row.windowId ? String(row.windowId) : '',
    category: 'category' in row ? row.category : '',
    exchange:
      ('creditCode' in row ? row.creditCode : 'nationalCode' in row ? row.nationalCode : '') ?? '',
  };
}

/** The body the API expects for a record of this kind, from the form. */
function bodyOf(kind: OrgKind, d: Draft): Record<string, unknown> {
  const code = d.code.trim();
  const name = d.name.trim();
  const departmentId = Number(d.departmentId);
  switch (kind) {
    case 'departments':
      return { code, name, creditCode: d.exchange.trim() || null };
    case 'windows':
      return { code, name, departmentId };
    case 'staff':
      return {
        staffNo: code,
        name,
        departmentId,
        windowId: d.windowId ? Number(d.windowId) : null,
      };
    case 'service-items':
      return {
        code,
        name,
        departmentId,
        category: d.category,
        nationalCode: d.exchange.trim() || null,
      };
  }
}

/** The fields of `next` that differ from `before` (an edit sends only what changed). */
function changed(before: Row, next: Record<string, unknown>) {
  const was = before as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => was[k] !== v));
}

/** The form's own rules, in Chinese: checked before sending and used for the API's `details`. */
function rules(spec: Spec) {
  return {
    [spec.codeField]: `请填写${spec.codeLabel}：字母、数字、点（.）、横线（-）或下划线（_），最多 ${spec.codeMax} 位`,
    name: `请填写${spec.nameLabel}（最多 ${spec.nameMax} 个字）`,
    departmentId: '请选择所属部门',
    windowId: '所选窗口不属于该部门，请重新选择',
    category: '请选择事项类别',
    ...(spec.exchange ? { [spec.exchange.field]: spec.exchange.rule } : {}),
  };
}

function check(spec: Spec, d: Draft): Record<string, string> {
  const hint = rules(spec);
  const errors: Record<string, string> = {};
  const code = d.code.trim();
  if (!code || code.length > spec.codeMax || !CODE_PATTERN.test(code)) {
    errors[spec.codeField] = hint[spec.codeField];
  }
  if (!d.name.trim()) errors.name = hint.name;
  if (spec.department && !d.departmentId) errors.departmentId = hint.departmentId;
  if (spec.category && !d.category) errors.category = hint.category;
  const exchange = d.exchange.trim();
  if (spec.exchange && exchange) {
    const pattern = spec.exchange.field === 'creditCode' ? CREDIT_CODE : NATIONAL_CODE;
    if (!pattern.test(exchange)) errors[spec.exchange.field] = spec.exchange.rule;
  }
  return errors;
}

/**
 * One list of the organisation (部门, 窗口, 工作人员 or 事项): paged table, an optional department
 * filter, 新增 in a card above the table and 编辑 under the row being edited.
 */
export default function OrgSection(props: {
  kind: OrgKind;
  departments: Department[];
  /** More departments exist than the pickers hold. */
  departmentsCut: boolean;
  onDepartmentsChanged: () => void;
}) {
  const { kind } = props;
  const spec = SPECS[kind];
  const [filter, setFilter] = useState('');
  const list = usePaged(`${kind}:${filter}`, spec.unit, (page, pageSize) =>
    listOrg(kind, page, pageSize, filter ? Number(filter) : undefined),
  );
  const { rows, page } = list;
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  // A staff member's window: the windows of the department chosen in the form.
  const formDepartment = editing && spec.window ? draft.departmentId : '';
  const [formWindows] = useRemote(formDepartment ? `w${formDepartment}` : null, () =>
    windowsOf(Number(formDepartment)),
  );
  // The window names of the staff on this page: the windows of their departments.
  const pageDepartments =
    spec.window && rows.kind === 'ready'
      ? [...new Set(rows.data.items.map((r) => (r as { departmentId: number }).departmentId))].sort(
          (a, b) => a - b,
        )
      : [];
  const [pageWindows] = useRemote(
    pageDepartments.length ? `pw${pageDepartments.join(',')}:${page}` : null,
    async () =>
      (await Promise.all(pageDepartments.map((id) => windowsOf(id)))).flatMap((p) => p.items),
  );

  const departmentName = (id: number) =>
    props.departments.find((d) => d.id === id)?.name ?? `部门 #${id}`;
  const windowName = (id: number | null) => {
    if (!id) return '—';
    const found =
      pageWindows.kind === 'ready' ? pageWindows.data.find((w) => w.id === id) : undefined;
    return found ? found.name : `窗口 #${id}`;
  };

  const open = (target: Row | 'new') => {
    setEditing(target);
    setDraft(target === 'new' ? { ...EMPTY, departmentId: filter } : draftOf(target));
    setErrors({});
    setFormError('');
    setNotice('');
  };
  const set = (field: keyof Draft) => (value: string) => {
    setDraft((d) => ({
      ...d,
      [field]: value,
      // Another department: the window chosen before belongs to the old one.
      ...(field === 'departmentId' && value !== d.departmentId ? { windowId: '' } : {}),
    }));
    const key =
      field === 'code' ? spec.codeField : field === 'exchange' ? spec.exchange?.field : field;
    if (key) setErrors((e) => ({ ...e, [key]: '' }));
  };

  const save = () => {
    if (busy || !editing) return;
    const found = check(spec, draft);
    setErrors(found);
    setFormError('');
    if (Object.keys(found).length) return;
    const body = bodyOf(kind, draft);
    const isNew = editing === 'new';
    const patch = isNew ? body : changed(editing, body);
    if (!isNew && Object.keys(patch).length === 0) {
      setEditing(null);
      setNotice('没有修改任何内容');
      return;
    }
    setBusy(true);
    const call = isNew
      ? createOrg(kind, body as never)
      : updateOrg(kind, editing.id, patch as never);
    call.then(
      (saved: Row) => {
        setBusy(false);
        setEditing(null);
        setNotice(`已${isNew ? '新增' : '保存'}${spec.noun}「${saved.name}」`);
        if (kind === 'departments') props.onDepartmentsChanged();
        list.reload();
      },
      (e: unknown) => {
        setBusy(false);
        const placed = formErrors(e, rules(spec));
        setErrors(placed.fields);
        setFormError(placed.form);
      },
    );
  };

  const departmentOptions = codedOptions(props.departments);
  const cutHint = props.departmentsCut ? '仅列出前 100 个部门' : undefined;

  const form = (title: string) => (
    <View className="admin-form" data-testid={`${kind}-form`}>
      <Heading text={title} />
      <View className="admin-form__grid">
        <TextField
          label={spec.codeLabel}
          a11yName={spec.codeLabel}
          value={draft.code}
          onChange={set('code')}
          maxLength={spec.codeMax}
          required
          placeholder="字母、数字、点、横线或下划线"
          error={errors[spec.codeField]}
          testId={`${kind}-code`}
        />
        <TextField
          label={spec.nameLabel}
          a11yName={spec.nameLabel}
          value={draft.name}
          onChange={set('name')}
          maxLength={spec.nameMax}
          required
          error={errors.name}
          testId={`${kind}-name`}
        />
      </View>
      {spec.exchange ? (
        <TextField
          label={spec.exchange.label}
          a11yName={spec.exchange.label}
          value={draft.exchange}
          onChange={set('exchange')}
          maxLength={spec.exchange.max}
          error={errors[spec.exchange.field]}
          testId={`${kind}-exchange`}
        />
      ) : null}
      {spec.category ? (
        <AdminChoice
          label="事项类别"
          required
          options={SERVICE_ITEM_CATEGORIES.map((c) => ({ value: c, text: c }))}
          value={draft.category}
          onChange={set('category')}
          error={errors.category}
          testId={`${kind}-category`}
        />
      ) : null}
      {spec.department ? (
        <AdminChoice
          label="所属部门"
          required
          options={departmentOptions}
          value={draft.departmentId}
          onChange={set('departmentId')}
          error={errors.departmentId}
          emptyText="还没有部门，请先在“部门”中新增"
          hint={cutHint}
          testId={`${kind}-department`}
        />
      ) : null}
      {spec.window && draft.departmentId ? (
        <AdminChoice
          label="所在窗口"
          options={[
            { value: '', text: '不在窗口' },
            ...(formWindows.kind === 'ready' ? codedOptions(formWindows.data.items) : []),
          ]}
          value={draft.windowId}
          onChange={set('windowId')}
          error={errors.windowId}
          hint={formWindows.kind === 'loading' ? '正在加载该部门的窗口…' : undefined}
          testId={`${kind}-window`}
        />
      ) : null}
      <Notice text={formError} error testId="form-error" />
      <FormActions
        text="保存"
        busy={busy}
        testId={`${kind}-save`}
        onClick={save}
        cancel={{ onClick: () => setEditing(null) }}
      />
    </View>
  );

  const columns: AdminColumn<Row>[] = [
    { label: spec.codeLabel, width: '1.2fr', render: (r) => draftOf(r).code },
    { label: spec.nameLabel, width: '2fr', render: (r) => r.name },
  ];
  if (spec.category) {
    columns.push({
      label: '类别',
      width: '1fr',
      render: (r) => draftOf(r).category,
    });
  }
  if (spec.department) {
    columns.push({
      label: '所属部门',
      width: '1.6fr',
      render: (r) => departmentName((r as { departmentId: number }).departmentId),
    });
  }
  if (spec.window) {
    columns.push({
      label: '窗口',
      width: '1.4fr',
      render: (r) => windowName((r as { windowId: number | null }).windowId),
    });
  }
  columns.push({
    label: '操作',
    width: '110px',
    render: (r) => (
      <RowButton testId="edit" name={`编辑${spec.noun} ${r.name}`} onClick={() => open(r)}>
        编辑
      </RowButton>
    ),
  });

  return (
    <View className="org-section" data-testid={`org-${kind}`}>
      <Toolbar text={`新增${spec.noun}`} testId={`${kind}-new`} onClick={() => open('new')} />
      {spec.department ? (
        <AdminChoice
          label="按部门筛选"
          options={[{ value: '', text: '全部部门' }, ...departmentOptions]}
          value={filter}
          onChange={(v) => {
            setFilter(v);
            list.restart();
          }}
          hint={cutHint}
          foldAbove={4}
          testId={`${kind}-filter`}
        />
      ) : null}
      <Notice text={notice} testId="notice" />
      {editing === 'new' ? <View className="staff-card">{form(`新增${spec.noun}`)}</View> : null}
      <AdminList
        list={list}
        what={`${spec.noun}列表`}
        empty={filter ? `该部门还没有${spec.noun}` : `还没有${spec.noun}，请点击“新增${spec.noun}”`}
        label={`${spec.noun}列表`}
        columns={columns}
        name={kind}
        below={(r) =>
          editing !== 'new' && editing?.id === r.id ? form(`编辑${spec.noun}「${r.name}」`) : null
        }
      />
    </View>
  );
}
