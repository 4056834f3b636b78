import { Text, View } from '@tarojs/components';
import { TICKET_STATUS_LABELS, type Role, type TicketStatus } from '@haochaping/domain';
import LoadState from '../../components/LoadState';
import StaffFrame from '../../components/StaffFrame';
import { useRemote } from '../../hooks/useRemote';
import { countOf, windowInfo } from '../../services/staff-api';
import { type StaffUser } from '../../services/staff-session';
import { useStaffSession } from '../../hooks/useStaffSession';
import { ROUTES } from '../../constants';
import { staffLoadTexts } from '../labels';
import './index.scss';

interface Figure {
  label: string;
  value: number | string;
  testId: string;
}

const RUNNING: TicketStatus[] = ['open', 'in_progress', 'submitted', 'appealed'];

/** The figures each role starts from: its own tickets, its window, or the organisation. */
async function figuresFor(user: StaffUser): Promise<Figure[]> {
  const role: Role = user.role;
  switch (role) {
    case 'department':
    case 'supervisor': {
      // A department handler's counts are its own department's: the API confines them.
      const counts = await Promise.all([
        ...RUNNING.map((status) => countOf('/api/tickets', { status })),
        countOf('/api/tickets', { overdue: 'true' }),
      ]);
      return [
        ...RUNNING.map((status, i) => ({
          label: TICKET_STATUS_LABELS[status],
          value: counts[i],
          testId: `count-${status}`,
        })),
        { label: '已超期', value: counts[RUNNING.length], testId: 'count-overdue' },
      ];
    }
    case 'admin': {
      const [departments, windows, staff, users] = await Promise.all([
        countOf('/api/departments'),
        countOf('/api/windows'),
        countOf('/api/staff'),
        countOf('/api/users'),
      ]);
      return [
        { label: '部门', value: departments, testId: 'count-departments' },
        { label: '窗口', value: windows, testId: 'count-windows' },
        { label: '工作人员', value: staff, testId: 'count-staff' },
        { label: '系统用户', value: users, testId: 'count-users' },
      ];
    }
    case 'window': {
      const window = user.windowId ? await windowInfo(user.windowId) : null;
      return [{ label: '本窗口', value: window ? window.name : '—', testId: 'my-window' }];
    }
  }
}

const LOAD_TEXTS = staffLoadTexts('暂时无法打开工作台', '请重新登录。');

/** 工作台: where each role starts. */
export default function StaffHomePage() {
  const session = useStaffSession(ROUTES.staffHome);
  const [figures, reload] = useRemote(session ? session.user.role : null, () =>
    session ? figuresFor(session.user) : Promise.resolve([]),
  );
  if (!session) return null;
  return (
    <StaffFrame title="工作台" testId="staff-home" user={session.user}>
      {figures.kind === 'ready' ? (
        <View className="staff-home__figures" data-testid="staff-figures">
          {figures.data.map((f) => (
            <View key={f.testId} className="staff-home__figure" data-testid={f.testId}>
              <Text className="staff-home__value">{String(f.value)}</Text>
              <Text className="staff-home__label">{f.label}</Text>
            </View>
          ))}
        </View>
      ) : (
        <LoadState state={figures} texts={LOAD_TEXTS} onRetry={reload} />
      )}
    </StaffFrame>
  );
}
