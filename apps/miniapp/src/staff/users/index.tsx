import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_PROBLEM_LABELS,
  passwordProblem,
  ROLE_LABELS,
  ROLES,
  type Role,
} from '@haochaping/domain';
import AdminChoice from '../../components/AdminChoice';
import { useConfirm } from '../../components/AdminConfirm';
import AdminLoad from '../../components/AdminLoad';
import { type AdminColumn } from '../../components/AdminTable';
import TextField from '../../components/TextField';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import {
  createUser,
  departmentChoices,
  formErrors,
  listUsers,
  updateUser,
  windowById,
  windowsOf,
  type CreateUserBody,
  type UpdateUserBody,
  type User,
} from '../../services/admin-api';
import type { StaffSession } from '../../services/staff-session';
import { errorMessage } from '../../services/request';
import { adminScreen } from '../components/admin-screen';
import { FormActions, Heading, Notice, Toolbar } from '../components/form';
import { AdminList, usePaged } from '../components/paged-list';
import { OnOffTag, RowButton } from '../components/row';
import { codedOptions } from '../admin-labels';
import './index.scss';

const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;
const PASSWORD_MIN = PASSWORD_MIN_LENGTH;
const PASSWORD_MAX = PASSWORD_MAX_LENGTH;

/** The form's rules in Chinese: checked before sending, and shown for the API's `details`. */
const RULES: Record<string, string> = {
  username: '用户名为 3–64 位字母、数字、点（.）、横线（-）或下划线（_）',
  password: `密码至少 ${PASSWORD_MIN} 位，须包含字母、数字、符号中的至少两类，不能过于简单或常见`,
  role: '请选择角色',
  departmentId: '部门整改专员须选择所属部门',
  windowId: '窗口工作人员须选择所在窗口',
};

interface Draft {
  username: string;
  password: string;
  role: string;
  departmentId: string;
  windowId: string;
}

const EMPTY: Draft = { username: '', password: '', role: '', departmentId: '', windowId: '' };

function check(d: Draft, isNew: boolean, username = ''): Record<string, string> {
  const errors: Record<string, string> = {};
  if (isNew && !USERNAME.test(d.username.trim())) errors.username = RULES.username;
  if (isNew || d.password) {
    // The API's rule (libs/domain/src/passwords.ts), said in Chinese before sending.
    const problem = passwordProblem(d.password, d.username.trim() || username);
    if (problem) errors.password = PASSWORD_PROBLEM_LABELS[problem];
  }
  if (!d.role) errors.role = RULES.role;
  if (d.role === 'department' && !d.departmentId) errors.departmentId = RULES.departmentId;
  if (d.role === 'window' && !d.windowId) errors.windowId = RULES.windowId;
  return errors;
}

/** The scope fields a role carries: a department handler its department, a clerk its window. */
function scopeOf(d: Draft): { departmentId?: number; windowId?: number } {
  if (d.role === 'department') return { departmentId: Number(d.departmentId) };
  if (d.role === 'window') return { windowId: Number(d.windowId) };
  return {};
}

function UsersScreen({ session }: { session: StaffSession }) {
  const users = usePaged('users', '个', listUsers);
  const [departments, reloadDepartments] = useRemote('departments', departmentChoices);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [dialog, confirm] = useConfirm();

  // The windows of the users on this page, for their names and departments.
  const windowIds =
    users.rows.kind === 'ready'
      ? [
          ...new Set(
            users.rows.data.items.map((u) => u.windowId).filter((id): id is number => !!id),
          ),
        ]
      : [];
  const [windows] = useRemote(windowIds.length ? `uw${windowIds.join(',')}` : null, () =>
    Promise.all(windowIds.map((id) => windowById(id).catch(() => null))),
  );
  const windowOf = (id: number | null) =>
    id && windows.kind === 'ready' ? (windows.data.find((w) => w?.id === id) ?? null) : null;
  // The windows a clerk can be given: those of the department chosen in the form.
  const pickDepartment = editing && draft.role === 'window' ? draft.departmentId : '';
  const [formWindows] = useRemote(pickDepartment ? `fw${pickDepartment}` : null, () =>
    windowsOf(Number(pickDepartment)),
  );

  const departmentList = departments.kind === 'ready' ? departments.data.items : [];
  const departmentName = (id: number | null) =>
    id ? (departmentList.find((d) => d.id === id)?.name ?? `部门 #${id}`) : '';

  const scopeText = (u: User) => {
    if (u.role === 'department') return departmentName(u.departmentId);
    if (u.role === 'window') {
      const w = windowOf(u.windowId);
      return w
        ? `${departmentName(w.departmentId)} · ${w.name}`
        : u.windowId
          ? `窗口 #${u.windowId}`
          : '';
    }
    return '全部部门';
  };

  const open = (target: User | 'new') => {
    setEditing(target);
    if (target === 'new') setDraft(EMPTY);
    else {
      const w = windowOf(target.windowId);
      setDraft({
        username: target.username,
        password: '',
        role: target.role,
        departmentId: String(w?.departmentId ?? target.departmentId ?? ''),
        windowId: target.windowId ? String(target.windowId) : '',
      });
    }
    setErrors({});
    setFormError('');
    setNotice(null);
  };
  const set = (field: keyof Draft) => (value: string) => {
    setDraft((d) => ({
      ...d,
      [field]: value,
      ...(field === 'departmentId' && value !== d.departmentId ? { windowId: '' } : {}),
    }));
    setErrors((e) => ({ ...e, [field]: '' }));
  };

  const failed = (e: unknown) => {
    setBusy(false);
    const placed = formErrors(e, RULES);
    setErrors(placed.fields);
    setFormError(placed.form);
  };

  const save = () => {
    if (busy || !editing) return;
    const isNew = editing === 'new';
    const found = check(draft, isNew, editing === 'new' ? '' : editing.username);
    setErrors(found);
    setFormError('');
    if (Object.keys(found).length) return;
    setBusy(true);
    if (isNew) {
      const body: CreateUserBody = {
        username: draft.username.trim(),
        password: draft.password,
        role: draft.role as Role,
        ...scopeOf(draft),
      };
      createUser(body).then((u) => {
        setBusy(false);
        setEditing(null);
        setNotice({ text: `已新增用户「${u.username}」（${ROLE_LABELS[u.role]}）` });
        users.reload();
      }, failed);
      return;
    }
    const user = editing;
    const body: UpdateUserBody = {};
    if (draft.role !== user.role) body.role = draft.role as Role;
    const scope = scopeOf(draft);
    if (scope.departmentId !== undefined && scope.departmentId !== user.departmentId)
      body.departmentId = scope.departmentId;
    if (scope.windowId !== undefined && scope.windowId !== user.windowId)
      body.windowId = scope.windowId;
    if (draft.password) body.password = draft.password;
    if (Object.keys(body).length === 0) {
      setBusy(false);
      setEditing(null);
      setNotice({ text: '没有修改任何内容' });
      return;
    }
    updateUser(user.id, body).then((u) => {
      setBusy(false);
      setEditing(null);
      setNotice({
        text: `已保存用户「${u.username}」${body.password ? '，新密码已生效' : ''}`,
      });
      users.reload();
    }, failed);
  };

  const toggle = async (u: User) => {
    const off = u.enabled;
    const yes = await confirm(
      off
        ? {
            title: `停用用户「${u.username}」？`,
            content: '停用后该账号立即不能登录和使用工作台，可随时重新启用。',
            confirmText: '确认停用',
          }
        : {
            title: `启用用户「${u.username}」？`,
            content: '启用后该账号可以按其角色登录工作台。',
            confirmText: '确认启用',
          },
    );
    if (!yes) return;
    setNotice(null);
    updateUser(u.id, { enabled: !off }).then(
      (saved) => {
        setNotice({ text: `已${saved.enabled ? '启用' : '停用'}用户「${saved.username}」` });
        users.reload();
      },
      (e: unknown) => setNotice({ text: errorMessage(e), error: true }),
    );
  };

  const departmentOptions = codedOptions(departmentList);

  const self = editing !== null && editing !== 'new' && editing.id === session.user.id;
  const form = (title: string, isNew: boolean) => (
    <View className="admin-form" data-testid="user-form">
      <Heading text={title} />
      <View className="admin-form__grid">
        {isNew ? (
          <TextField
            label="用户名"
            a11yName="用户名"
            value={draft.username}
            onChange={set('username')}
            maxLength={64}
            required
            placeholder="如 zhang.min"
            error={errors.username}
            testId="user-username"
          />
        ) : null}
        <TextField
          label={isNew ? '初始密码' : '新密码'}
          a11yName={isNew ? '初始密码' : '新密码'}
          value={draft.password}
          onChange={set('password')}
          maxLength={PASSWORD_MAX}
          required={isNew}
          password
          placeholder={isNew ? `至少 ${PASSWORD_MIN} 位` : '不修改请留空'}
          error={errors.password}
          testId="user-password"
        />
      </View>
      {self ? (
        // Demoting oneself would lock this administrator out of the screen in use.
        <Text className="admin-muted users-self">
          {`角色：${ROLE_LABELS[session.user.role]}（当前登录账号，不能在此修改自己的角色）`}
        </Text>
      ) : (
        <AdminChoice
          label="角色"
          required
          options={ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] }))}
          value={draft.role}
          onChange={set('role')}
          error={errors.role}
          testId="user-role"
        />
      )}
      {draft.role === 'department' || draft.role === 'window' ? (
        <AdminChoice
          label="所属部门"
          required
          options={departmentOptions}
          value={draft.departmentId}
          onChange={set('departmentId')}
          error={errors.departmentId}
          emptyText="还没有部门，请先在“组织机构”中新增"
          testId="user-department"
        />
      ) : null}
      {draft.role === 'window' && draft.departmentId ? (
        <AdminChoice
          label="所在窗口"
          required
          options={formWindows.kind === 'ready' ? codedOptions(formWindows.data.items) : []}
          value={draft.windowId}
          onChange={set('windowId')}
          error={errors.windowId}
          emptyText={formWindows.kind === 'loading' ? '正在加载该部门的窗口…' : '该部门还没有窗口'}
          testId="user-window"
        />
      ) : null}
      <Notice text={formError} error testId="form-error" />
      <FormActions
        text="保存"
        busy={busy}
        testId="user-save"
        onClick={save}
        cancel={{ onClick: () => setEditing(null) }}
      />
    </View>
  );

  const columns: AdminColumn<User>[] = [
    { label: '用户名', width: '1.4fr', render: (u) => u.username },
    { label: '角色', width: '1.2fr', render: (u) => ROLE_LABELS[u.role] },
    { label: '范围', width: '2fr', render: (u) => scopeText(u) },
    {
      label: '状态',
      width: '90px',
      render: (u) => <OnOffTag on={u.enabled} text={['启用', '已停用']} testId="user-status" />,
    },
    {
      label: '操作',
      width: '200px',
      render: (u) => (
        <View className="users-actions">
          <RowButton testId="edit" name={`编辑用户 ${u.username}`} onClick={() => open(u)}>
            编辑
          </RowButton>
          {u.id === session.user.id ? (
            <Text className="admin-muted">当前账号</Text>
          ) : (
            <RowButton
              tone={u.enabled ? 'ghost' : 'plain'}
              testId={u.enabled ? 'disable' : 'enable'}
              name={`${u.enabled ? '停用' : '启用'}用户 ${u.username}`}
              onClick={() => void toggle(u)}
            >
              {u.enabled ? '停用' : '启用'}
            </RowButton>
          )}
        </View>
      ),
    },
  ];

  return (
    <View data-testid="users">
      <Toolbar text="新增用户" testId="user-new" onClick={() => open('new')} />
      <Notice text={notice?.text ?? ''} error={notice?.error} testId="notice" />
      {editing === 'new' ? <View className="staff-card">{form('新增用户', true)}</View> : null}
      {departments.kind === 'error' ? (
        <AdminLoad state={departments} what="部门" onRetry={reloadDepartments} />
      ) : null}
      <AdminList
        list={users}
        what="用户列表"
        empty="还没有系统用户"
        label="系统用户列表"
        columns={columns}
        name="users"
        below={(u) =>
          editing !== 'new' && editing?.id === u.id
            ? form(`编辑用户「${u.username}」`, false)
            : null
        }
      />
      {dialog}
    </View>
  );
}

/** 系统用户: accounts, their role and scope, 停用 / 启用. */
export default adminScreen(
  { route: ROUTES.staffUsers, title: '系统用户', testId: 'staff-users' },
  UsersScreen,
);
