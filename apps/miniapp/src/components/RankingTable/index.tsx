import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../Button';
import { a11y } from '../../utils/a11y';
import {
  firstSort,
  nextSort,
  percent,
  RANKING_COLUMNS,
  rowNotes,
  sortRows,
  type Column,
  type RankedRow,
  type Sort,
} from '../../utils/ranking';
import './index.scss';

interface Props<T extends RankedRow> {
  rows: T[];
  /** What the table ranks: 部门, 窗口, 工作人员 (its accessible name). */
  caption: string;
  /** Opens the ratings or the tickets behind a count. */
  onDrill: (row: T, what: 'ratings' | 'tickets') => void;
  /** Shows the trend of a row (department rows), when given. */
  onTrend?: (row: T) => void;
  trendId?: number | null;
  /**
   * The order, when the rows come sorted from the server (a page of the ranking): the headers
   * ask for another with onSort, and the table keeps the rows' order.
   */
  sort?: Sort;
  onSort?: (sort: Sort) => void;
}

/** The scrolling region takes focus so a keyboard can scroll it (Taro's typings omit tabIndex). */
const FOCUSABLE = { tabIndex: 0 } as Record<string, unknown>;

function cellText(row: RankedRow, column: Column): string {
  switch (column.kind) {
    case 'rank':
      return row.rank === null ? '—' : String(row.rank);
    case 'text':
      return row.name;
    case 'rate':
      return percent(row[column.key as 'goodRate']);
    case 'score':
      return row.score === null ? '—' : row.score.toFixed(2);
    case 'count':
      return String(column.key === 'tickets' ? row.tickets.total : row.ratings);
  }
}

/**
 * 排名表: every indicator of a month's ranking, sortable by any column (the header buttons; the
 * sorted column says so with aria-sort), the counts open the ratings or tickets behind them.
 * On a phone the table scrolls sideways inside its own focusable region.
 */
export default function RankingTable<T extends RankedRow>(props: Props<T>) {
  const [own, setOwn] = useState<Sort>(firstSort('rank'));
  const sort = props.sort ?? own;
  const setSort = props.onSort ?? setOwn;
  const rows = props.sort ? props.rows : sortRows(props.rows, sort);
  const sortName = (c: Column) =>
    sort.key === c.key ? `${c.label}，${sort.descending ? '降序' : '升序'}` : `按${c.label}排序`;
  return (
    <View
      className="ranking"
      data-testid="ranking"
      {...FOCUSABLE}
      {...a11y(`${props.caption}排名表`, { role: 'region' })}
    >
      <View className="ranking__table" {...a11y(`${props.caption}排名`, { role: 'table' })}>
        <View className="ranking__row ranking__row--head" {...a11y('表头', { role: 'row' })}>
          {RANKING_COLUMNS.map((c) => (
            <View
              key={c.key}
              className={`ranking__cell ranking__cell--${c.kind}`}
              role="columnheader"
              aria-sort={
                sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
              }
            >
              <Button
                className="ranking__sort"
                data-testid={`sort-${c.key}`}
                {...a11y(sortName(c))}
                onClick={() => setSort(nextSort(sort, c.key))}
              >
                {`${c.label}${sort.key === c.key ? (sort.descending ? ' ↓' : ' ↑') : ''}`}
              </Button>
            </View>
          ))}
          <View className="ranking__cell ranking__cell--notes" role="columnheader">
            <Text>备注</Text>
          </View>
        </View>
        {rows.map((row) => (
          <View
            key={row.id}
            className={`ranking__row ${props.trendId === row.id ? 'ranking__row--picked' : ''}`}
            data-testid="ranking-row"
            data-id={String(row.id)}
            role="row"
          >
            {RANKING_COLUMNS.map((c) => (
              <View
                key={c.key}
                className={`ranking__cell ranking__cell--${c.kind}`}
                role={c.key === 'name' ? 'rowheader' : 'cell'}
              >
                {c.kind === 'count' ? (
                  <Button
                    className="ranking__drill"
                    data-testid={`drill-${c.key}`}
                    {...a11y(
                      `${row.name} ${c.label} ${cellText(row, c)}，查看${c.key === 'tickets' ? '工单' : '评价'}`,
                    )}
                    onClick={() => props.onDrill(row, c.key === 'tickets' ? 'tickets' : 'ratings')}
                  >
                    {cellText(row, c)}
                  </Button>
                ) : c.key === 'name' && props.onTrend ? (
                  <Button
                    className="ranking__name"
                    data-testid="trend-pick"
                    {...a11y(`${row.name}，查看趋势`, { pressed: props.trendId === row.id })}
                    onClick={() => props.onTrend?.(row)}
                  >
                    {row.name}
                  </Button>
                ) : (
                  <Text>{cellText(row, c)}</Text>
                )}
              </View>
            ))}
            <View className="ranking__cell ranking__cell--notes" role="cell">
              {rowNotes(row).map((note) => (
                <Text
                  key={note}
                  className={`ranking__note ${note === '样本不足' ? '' : 'ranking__note--last'}`}
                >
                  {note}
                </Text>
              ))}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
