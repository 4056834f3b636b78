import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import AdminLoad from '../../components/AdminLoad';
import AdminTable, { type AdminColumn } from '../../components/AdminTable';
import LoadState, { type LoadTexts } from '../../components/LoadState';
import Pager from '../../components/Pager';
import type { Remote } from '../../hooks/useRemote';

type NotReady = Exclude<Remote<unknown>, { kind: 'ready' }>;

/** Where a paged list is: the page shown, its size, and what its rows count as (件, 条, 人…). */
export interface Paging {
  page: number;
  pageSize: number;
  unit: string;
  onPage: (page: number) => void;
}

/**
 * A paged list of the workspace before and after it loads: what stands in its place until the
 * rows are there, a line when there are none, else the rows with 上一页 / 下一页 under them.
 */
export function PagedList<T>(props: {
  rows: Remote<{ items: T[]; total: number }>;
  notReady: (state: NotReady) => ReactNode;
  empty: ReactNode;
  emptyTestId: string;
  paging: Paging;
  className?: string;
  testId?: string;
  children: (items: T[]) => ReactNode;
}) {
  const { rows, paging } = props;
  if (rows.kind !== 'ready') return <>{props.notReady(rows)}</>;
  if (rows.data.items.length === 0) {
    return (
      <Text className="staff-empty" data-testid={props.emptyTestId}>
        {props.empty}
      </Text>
    );
  }
  return (
    <View className={props.className} data-testid={props.testId}>
      {props.children(rows.data.items)}
      <Pager
        page={paging.page}
        pageSize={paging.pageSize}
        total={rows.data.total}
        unit={paging.unit}
        onPage={paging.onPage}
      />
    </View>
  );
}

/** A paged list of the staff screens: rows of `.staff-table`, the page states of LoadState. */
export function StaffRows<T>(props: {
  rows: Remote<{ items: T[]; total: number }>;
  texts: LoadTexts;
  onRetry: () => void;
  empty: string;
  /** The table's test id, e.g. tickets-table; its empty line's is tickets-empty. */
  name: string;
  paging: Paging;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <PagedList
      rows={props.rows}
      notReady={(state) => <LoadState state={state} texts={props.texts} onRetry={props.onRetry} />}
      empty={props.empty}
      emptyTestId={`${props.name}-empty`}
      paging={props.paging}
      className="staff-table"
      testId={`${props.name}-table`}
    >
      {props.children}
    </PagedList>
  );
}

/** A paged AdminTable of the admin screens, with AdminLoad's states and an optional line above. */
export function AdminList<T>(props: {
  rows: Remote<{ items: T[]; total: number }>;
  /** What failed to load, e.g. 操作日志 */
  what: string;
  onRetry: () => void;
  empty: string;
  paging: Paging;
  /** The table's accessible name, e.g. 接口密钥列表 */
  label: string;
  columns: AdminColumn<T>[];
  rowKey: (row: T) => string | number;
  testId: string;
  rowTestId: string;
  below?: (row: T) => ReactNode;
  /** A line above the table (its order, what it leaves out). */
  intro?: ReactNode;
}) {
  return (
    <PagedList
      rows={props.rows}
      notReady={(state) => <AdminLoad state={state} what={props.what} onRetry={props.onRetry} />}
      empty={props.empty}
      emptyTestId="empty"
      paging={props.paging}
    >
      {(items) => (
        <>
          {props.intro}
          <AdminTable
            label={props.label}
            columns={props.columns}
            rows={items}
            rowKey={props.rowKey}
            testId={props.testId}
            rowTestId={props.rowTestId}
            below={props.below}
          />
        </>
      )}
    </PagedList>
  );
}
