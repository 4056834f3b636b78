import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useConfirm } from '../../components/AdminConfirm';
import { type AdminColumn } from '../../components/AdminTable';
import Button from '../../components/Button';
import TextField from '../../components/TextField';
import { ROUTES } from '../../constants';
import {
  createApiKey,
  formErrors,
  listApiKeys,
  revokeApiKey,
  type ApiKey,
  type CreatedApiKey,
} from '../../services/admin-api';
import { errorMessage } from '../../services/request';
import { a11y, ariaLive } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';
import { adminScreen } from '../components/admin-screen';
import { FormActions, Heading, Notice, Toolbar } from '../components/form';
import { AdminList, usePaged } from '../components/paged-list';
import { NoValue, OnOffTag, RowButton } from '../components/row';
import './index.scss';

const NAME_MAX = 100;
const RULES = { name: `请填写使用该密钥的系统名称（最多 ${NAME_MAX} 个字）` };

/** The new key, once: a box to copy it from, and the warning that it will not be shown again. */
function NewKey({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const [copied, setCopied] = useState('');
  const copy = () => {
    Taro.setClipboardData({ data: created.key }).then(
      () => setCopied('已复制到剪贴板'),
      () => setCopied('复制失败，请选中密钥后手动复制'),
    );
  };
  return (
    <View className="staff-card keys-new" data-testid="new-key">
      <Heading text={`新密钥已创建：${created.name}`} name="新密钥已创建" />
      <Text className="keys-new__warning">
        请立即复制并妥善保存。密钥只在此显示一次，关闭后无法再次查看；遗失请吊销后重新创建。
      </Text>
      <Text className="keys-new__key" data-testid="new-key-value">
        {created.key}
      </Text>
      {copied ? (
        <Text className="admin-muted" data-testid="copied" {...ariaLive}>
          {copied}
        </Text>
      ) : null}
      <View className="admin-form__actions">
        <Button
          className="btn btn--primary admin-form__btn"
          data-testid="copy-key"
          {...a11y('复制密钥')}
          onClick={copy}
        >
          复制
        </Button>
        <Button
          className="btn btn--plain admin-form__btn"
          data-testid="close-key"
          {...a11y('我已保存，关闭')}
          onClick={onClose}
        >
          我已保存，关闭
        </Button>
      </View>
    </View>
  );
}

function KeysScreen() {
  const keys = usePaged('keys', '个', listApiKeys);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState('');
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [dialog, confirm] = useConfirm();

  const create = () => {
    if (busy) return;
    const value = name.trim();
    setFormError('');
    if (!value) {
      setNameError(RULES.name);
      return;
    }
    setBusy(true);
    createApiKey(value).then(
      (key) => {
        setBusy(false);
        setCreating(false);
        setName('');
        setNotice(null);
        setCreated(key);
        keys.reload();
      },
      (e: unknown) => {
        setBusy(false);
        const placed = formErrors(e, RULES);
        setNameError(placed.fields.name ?? '');
        setFormError(placed.form);
      },
    );
  };

  const revoke = async (key: ApiKey) => {
    const yes = await confirm({
      title: `吊销密钥「${key.name}」？`,
      content: '吊销后，使用该密钥的系统将立即无法推送办件，且不能恢复。',
      confirmText: '确认吊销',
    });
    if (!yes) return;
    revokeApiKey(key.id).then(
      () => {
        setNotice({ text: `已吊销密钥「${key.name}」` });
        keys.reload();
      },
      (e: unknown) => setNotice({ text: errorMessage(e), error: true }),
    );
  };

  const columns: AdminColumn<ApiKey>[] = [
    { label: '系统名称', width: '2fr', render: (k) => k.name },
    {
      label: '密钥开头',
      width: '1.2fr',
      render: (k) => <Text className="keys-prefix">{`${k.keyPrefix}…`}</Text>,
    },
    {
      label: '状态',
      width: '100px',
      render: (k) => <OnOffTag on={k.enabled} text={['有效', '已吊销']} testId="key-status" />,
    },
    { label: '创建时间', width: '1.5fr', render: (k) => formatDateTime(k.createdAt) },
    {
      label: '最近使用',
      width: '1.5fr',
      render: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : '从未使用'),
    },
    {
      label: '操作',
      width: '110px',
      render: (k) =>
        k.enabled ? (
          <RowButton
            tone="ghost"
            testId="revoke"
            name={`吊销密钥 ${k.name}`}
            onClick={() => void revoke(k)}
          >
            吊销
          </RowButton>
        ) : (
          <NoValue />
        ),
    },
  ];

  return (
    <View data-testid="keys">
      <Text className="admin-muted keys-intro">
        业务办件系统凭接口密钥（请求头 X-Api-Key）推送办件，每个系统使用单独的密钥。
      </Text>
      {created ? <NewKey created={created} onClose={() => setCreated(null)} /> : null}
      <Toolbar
        text="创建密钥"
        testId="key-new"
        onClick={() => {
          setCreating(true);
          setNameError('');
          setFormError('');
        }}
      />
      <Notice text={notice?.text ?? ''} error={notice?.error} testId="notice" />
      {creating ? (
        <View className="staff-card admin-form" data-testid="key-form">
          <Heading text="创建密钥" />
          <TextField
            label="使用该密钥的系统"
            a11yName="使用该密钥的系统"
            value={name}
            onChange={(v) => {
              setName(v);
              setNameError('');
            }}
            maxLength={NAME_MAX}
            required
            placeholder="如 一窗受理系统"
            error={nameError}
            testId="key-name"
          />
          <Notice text={formError} error />
          <FormActions
            text="创建"
            busy={busy}
            busyText="创建中…"
            testId="key-create"
            onClick={create}
            cancel={{ onClick: () => setCreating(false) }}
          />
        </View>
      ) : null}
      <AdminList
        list={keys}
        what="接口密钥"
        empty="还没有接口密钥"
        label="接口密钥列表"
        columns={columns}
        name="keys"
      />
      {dialog}
    </View>
  );
}

/** 接口密钥: keys of the integrating systems; a new key is shown once, 吊销 stops it at once. */
export default adminScreen(
  { route: ROUTES.staffKeys, title: '接口密钥', testId: 'staff-keys' },
  KeysScreen,
);
