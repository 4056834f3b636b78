import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../Button';
import type { TransactionSummary } from '../../services/api';
import { a11y } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';
import './index.scss';

interface Props {
  transaction: TransactionSummary;
  title?: string;
}

/**
 * What is being rated: service item and department first (two lines, so the levels stay on the
 * first screen), window, staff and finished time behind 展开.
 */
export default function TransactionCard({ transaction, title = '办件信息' }: Props) {
  const [open, setOpen] = useState(false);
  const rows: [string, string, string][] = [
    ['事项', transaction.serviceItemName, 'tx-service-item'],
    ['部门', transaction.departmentName, 'tx-department'],
  ];
  if (open) {
    rows.push(
      ['窗口', transaction.windowName, 'tx-window'],
      ['工作人员', transaction.staffName, 'tx-staff'],
      ['办结时间', formatDateTime(transaction.finishedAt), 'tx-finished-at'],
    );
  }
  return (
    <View className="card tx-card" data-testid="transaction-card">
      <View className="tx-card__head">
        <Text className="card__title tx-card__title">{title}</Text>
        <Button
          className="tx-card__toggle"
          data-testid="tx-toggle"
          {...a11y(open ? '收起办件信息' : '展开办件信息', { expanded: open })}
          onClick={() => setOpen(!open)}
        >
          {open ? '收起' : '展开'}
        </Button>
      </View>
      {rows.map(([label, value, testId]) => (
        <View key={label} className="tx-card__row">
          <Text className="tx-card__label">{label}</Text>
          <Text className="tx-card__value" data-testid={testId}>
            {value || '—'}
          </Text>
        </View>
      ))}
    </View>
  );
}
