import { Fragment, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { IS_H5 } from '../../constants';
import { a11y } from '../../utils/a11y';
import './index.scss';

export interface AdminColumn<T> {
  label: string;
  /** The column's track on a wide screen (CSS grid), e.g. '2fr' or '160px'. Default 1fr. */
  width?: string;
  render: (row: T) => ReactNode;
}

/** A role without a label: cells and rows take their name from their content. */
const roleOf = (role: string) => (IS_H5 ? { role } : { ariaRole: role });

/**
 * A table of the admin screens: columns with a header on a wide screen; on a phone each row is a
 * card whose cells carry their column's name, so nothing needs sideways scrolling.
 */
export default function AdminTable<T>(props: {
  /** The table's accessible name, e.g. 部门列表 */
  label: string;
  columns: AdminColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  testId: string;
  rowTestId?: string;
  /** Content shown under a row across the whole table (the row's edit form), or null. */
  below?: (row: T) => ReactNode;
}) {
  const grid = { gridTemplateColumns: props.columns.map((c) => c.width ?? '1fr').join(' ') };
  return (
    <View
      className="admin-table"
      data-testid={props.testId}
      {...a11y(props.label, { role: 'table' })}
    >
      <View className="admin-table__row admin-table__row--head" style={grid} {...roleOf('row')}>
        {props.columns.map((c) => (
          <Text key={c.label} className="admin-table__th" {...roleOf('columnheader')}>
            {c.label}
          </Text>
        ))}
      </View>
      {props.rows.map((row) => {
        const below = props.below?.(row);
        return (
          <Fragment key={props.rowKey(row)}>
            <View
              className="admin-table__row"
              style={grid}
              data-testid={props.rowTestId}
              {...roleOf('row')}
            >
              {props.columns.map((c) => (
                <View key={c.label} className="admin-table__cell" {...roleOf('cell')}>
                  {c.label ? <Text className="admin-table__label">{c.label}</Text> : null}
                  <View className="admin-table__value">{c.render(row)}</View>
                </View>
              ))}
            </View>
            {below ? (
              <View className="admin-table__row admin-table__row--below" {...roleOf('row')}>
                <View className="admin-table__wide" {...roleOf('cell')}>
                  {below}
                </View>
              </View>
            ) : null}
          </Fragment>
        );
      })}
    </View>
  );
}
