import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { maskPersonalData } from '@haochaping/domain';
import AdminChoice from '../../components/AdminChoice';
import { type AdminColumn } from '../../components/AdminTable';
import Button from '../../components/Button';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import { departmentChoices, listAudit, type AuditEntry } from '../../services/admin-api';
import { a11y } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';
import {
  actionLabel,
  actorLabel,
  changeLines,
  ENTITY_LABELS,
  type AuditNames,
} from '../admin-labels';
import { adminScreen } from '../components/admin-screen';
import { FieldButton } from '../components/form';
import { AdminList, usePaged } from '../components/paged-list';
import './index.scss';

const ENTITY_ID_MAX = 64;

const ENTITY_OPTIONS = [
  { value: '', text: '全部' },
  ...Object.entries(ENTITY_LABELS).map(([value, text]) => ({ value, text })),
];

/** The changes of one entry, a line each; long entries fold after a few lines. */
function Changes({ entry, names }: { entry: AuditEntry; names: AuditNames }) {
  const [all, setAll] = useState(false);
  const lines = changeLines(entry, names);
  if (lines.length === 0) return <Text className="admin-muted">—</Text>;
  const fold = lines.length > 4;
  const shown = all || !fold ? lines : lines.slice(0, 3);
  return (
    <View className="audit-changes">
      {shown.map((line, i) => (
        <Text key={i} className="audit-changes__line">
          {line}
        </Text>
      ))}
      {fold ? (
        <Button
          className="audit-changes__more"
          {...a11y(all ? '收起变更' : `展开全部 ${lines.length} 项变更`)}
          onClick={() => setAll(!all)}
        >
          {all ? '收起' : `展开全部 ${lines.length} 项`}
        </Button>
      ) : null}
    </View>
  );
}

function AuditScreen() {
  const [entity, setEntity] = useState('');
  const [idInput, setIdInput] = useState('');
  const [entityId, setEntityId] = useState('');
  const entries = usePaged(JSON.stringify({ entity, entityId }), '条', (page, pageSize) =>
    listAudit({
      page,
      pageSize,
      ...(entity ? { entity } : {}),
      ...(entityId ? { entityId } : {}),
    }),
  );

  // Department ids in the entries read as names (the first 100 departments).
  const [departments] = useRemote('departments', departmentChoices);
  const names: AuditNames = {
    department: (id) =>
      departments.kind === 'ready'
        ? departments.data.items.find((d) => d.id === id)?.name
        : undefined,
  };

  const search = () => {
    setEntityId(idInput.trim());
    entries.restart();
  };

  const columns: AdminColumn<AuditEntry>[] = [
    { label: '时间', width: '1.3fr', render: (e) => formatDateTime(e.createdAt) },
    { label: '操作人', width: '1.2fr', render: (e) => actorLabel(e) },
    {
      label: '操作',
      width: '1.3fr',
      render: (e) => <Text className="audit-action">{actionLabel(e)}</Text>,
    },
    {
      label: '对象',
      width: '1.2fr',
      render: (e) =>
        maskPersonalData(
          e.entity === 'settings'
            ? ENTITY_LABELS.settings
            : `${ENTITY_LABELS[e.entity] ?? e.entity} ${e.entityId}`,
        ),
    },
    { label: '变更内容', width: '3fr', render: (e) => <Changes entry={e} names={names} /> },
  ];

  return (
    <View data-testid="audit">
      <AdminChoice
        label="对象类型"
        options={ENTITY_OPTIONS}
        value={entity}
        onChange={(v) => {
          setEntity(v);
          entries.restart();
        }}
        foldAbove={4}
        testId="audit-entity"
      />
      <FieldButton
        field={{
          label: '对象编号',
          a11yName: '对象编号',
          value: idInput,
          onChange: setIdInput,
          maxLength: ENTITY_ID_MAX,
          placeholder: '如 3、2027-02-06',
          testId: 'audit-entity-id',
        }}
        text="查询"
        testId="audit-search"
        onGo={search}
      />
      <AdminList
        list={entries}
        what="操作日志"
        empty="没有符合条件的操作记录"
        intro={
          <Text className="admin-muted audit-order">
            按时间倒序，最新的在前。联系电话等个人信息已脱敏。
          </Text>
        }
        label="操作日志"
        columns={columns}
        name="audit"
        rowTestId="audit-row"
      />
    </View>
  );
}

/** 操作日志: the append-only audit trail, newest first, filtered by what was changed. */
export default adminScreen(
  {
    route: ROUTES.staffAudit,
    title: '操作日志',
    testId: 'staff-audit',
    roles: ['admin', 'supervisor'],
  },
  AuditScreen,
);
