import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import AdminLoad from '../../components/AdminLoad';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import {
  departmentChoices,
  type Department,
  type OrgKind,
  type Page,
} from '../../services/admin-api';
import { a11y } from '../../utils/a11y';
import { adminScreen } from '../components/admin-screen';
import { StaffTab } from '../components/row';
import OrgSection from './org-section';
import './index.scss';

const TABS: { kind: OrgKind; label: string }[] = [
  { kind: 'departments', label: '部门' },
  { kind: 'windows', label: '窗口' },
  { kind: 'staff', label: '工作人员' },
  { kind: 'service-items', label: '事项' },
];

/** 组织机构: departments, windows, staff and service items, each a paged list with 新增 and 编辑. */
function OrgScreen() {
  const [tab, setTab] = useState<OrgKind>('departments');
  const [round, setRound] = useState(0);
  const [departments, reload] = useRemote(`departments:${round}`, departmentChoices);
  // A reload after a new department keeps the lists on screen (and their 已新增 line).
  const last = useRef<Page<Department> | null>(null);
  if (departments.kind === 'ready') last.current = departments.data;
  const known = last.current;
  const current = TABS.find((t) => t.kind === tab) ?? TABS[0];
  return (
    <View>
      <View className="staff-tabs" {...a11y('组织机构类别', { role: 'tablist' })}>
        {TABS.map((t) => (
          <StaffTab
            key={t.kind}
            kind="tab"
            on={tab === t.kind}
            name={t.label}
            testId={`tab-${t.kind}`}
            onClick={() => setTab(t.kind)}
          >
            {t.label}
          </StaffTab>
        ))}
      </View>
      <View {...a11y(current.label, { role: 'tabpanel' })}>
        {!known ? (
          departments.kind !== 'ready' ? (
            <AdminLoad state={departments} what="部门" onRetry={reload} />
          ) : null
        ) : (
          <OrgSection
            key={tab}
            kind={tab}
            departments={known.items}
            departmentsCut={known.total > known.items.length}
            onDepartmentsChanged={() => setRound((n) => n + 1)}
          />
        )}
      </View>
      <Text className="admin-muted org-hint">
        编码一经办件引用请勿随意修改：业务系统按编码推送办件。
      </Text>
    </View>
  );
}

export default adminScreen(
  { route: ROUTES.staffOrg, title: '组织机构', testId: 'staff-org' },
  OrgScreen,
);
