import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import AdminLoad from '../../components/AdminLoad';
import AdminTable, { type AdminColumn } from '../../components/AdminTable';
import LoadState, { type LoadTexts } from '../../components/LoadState';
import Pager from '../../components/Pager';
import { useRemote, type Remote } from '../../hooks/useRemote';

type NotReady = Exclude<Remote<unknown>, { kind: 'ready' }>;
type Rows<T> = Remote<{ items: T[]; total: number }>;

/** Rows a page of the workspace lists at a time. */
const PAGE_SIZE = 20;

/** Where a paged list is: the page shown, its size, and what its rows count as (件, 条, 人…). */
export interface Paging {
  page: number;
  pageSize: number;
  unit: string;
  onPage: (page: number) => void;
}

/** A list loaded a page at a time: its rows, 重新加载, and where it is. */
export interface PagedRows<T> {
  rows: Rows<T>;
  reload: () => void;
  paging: Paging;
  /** Back to the first page (after a filter changed). */
  restart: () => void;
}

/**
 * Loads the page of a list on screen, again when `key` (the list's filters) or the page changes.
 * A null `key` loads nothing (no session yet). `unit` is what the rows count as in the pager.
 */
export function usePaged<T>(
  key: string | null,
  unit: string,
  load: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
): PagedRows<T> & { page: number } {
  const [page, setPage] = useState(1);
  const [rows, reload] = useRemote(key === null ? null : `${key}|${page}`, () =>
    load(page, PAGE_SIZE),
  );
  return {
    rows,
    reload,
    page,
    paging: { page, pageSize: PAGE_SIZE, unit, onPage: setPage },
    restart: () => setPage(1),
  };
}

/**
 * A paged list of the workspace before and after it loads: what stands in its place until the
 * rows are there, a line when there are none, else the rows with 上一页 / 下一页 under them.
 */
export function PagedList<T>(props: {
  list: Omit<PagedRows<T>, 'restart'>;
  notReady: (state: NotReady) => ReactNode;
  empty: ReactNode;
  emptyTestId: string;
  className?: string;
  testId?: string;
  children: (items: T[]) => ReactNode;
}) {
  const { rows, paging } = props.list;
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
  list: PagedRows<T>;
  texts: LoadTexts;
  empty: string;
  /** The table's test id, e.g. tickets-table; its empty line's is tickets-empty. */
  name: string;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <PagedList
      list={props.list}
      notReady={(state) => (
        <LoadState state={state} texts={props.texts} onRetry={props.list.reload} />
      )}
      empty={props.empty}
      emptyTestId={`${props.name}-empty`}
      className="staff-table"
      testId={`${props.name}-table`}
    >
      {props.children}
    </PagedList>
  );
}

/** A paged AdminTable of the admin screens, with AdminLoad's states and an optional line above. */
export function AdminList<T extends { id: number }>(props: {
  list: PagedRows<T>;
  /** What failed to load, e.g. 操作日志 */
  what: string;
  empty: string;
  /** The table's accessible name, e.g. 接口密钥列表 */
  label: string;
  columns: AdminColumn<T>[];
  /** The table's test id is `${name}-table`. */
  name: string;
  /** Each row's test id (default row). */
  rowTestId?: string;
  below?: (row: T) => ReactNode;
  /** A line above the table (its order, what it leaves out). */
  intro?: ReactNode;
}) {
  return (
    <PagedList
      list={props.list}
      notReady={(state) => (
        <AdminLoad state={state} what={props.what} onRetry={props.list.reload} />
      )}
      empty={props.empty}
      emptyTestId="empty"
    >
      {(items) => (
        <>
          {props.intro}
          <AdminTable
            label={props.label}
            columns={props.columns}
            rows={items}
            rowKey={(row) => row.id}
            testId={`${props.name}-table`}
            rowTestId={props.rowTestId ?? 'row'}
            below={props.below}
          />
        </>
      )}
    </PagedList>
  );
}
