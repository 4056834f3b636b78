import { Text, View } from '@tarojs/components';
import type { TransactionSummary } from '../../services/api';
import { formatDateTime } from '../../utils/format';
import './index.scss';

interface Props {
  transaction: TransactionSummary;
  title?: string;
}

/** What is being rated: service item, department, window, staff, finished time. */
export default function TransactionCard({ transaction, title = '办件信息' }: Props) {
  const rows: [string, string, string][] = [
    ['事项', transaction.serviceItemName, 'tx-service-item'],
    ['部门', transaction.departmentName, 'tx-department'],
    ['窗口', transaction.windowName, 'tx-window'],
    ['工作人员', transaction.staffName, 'tx-staff'],
    ['办结时间', formatDateTime(transaction.finishedAt), 'tx-finished-at'],
  ];
  return (
    <View className="card tx-card" data-testid="transaction-card">
      <Text className="card__title">{title}</Text>
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
