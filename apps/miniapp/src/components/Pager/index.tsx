import { Text, View } from '@tarojs/components';
import Button from '../Button';
import { a11y } from '../../utils/a11y';

/** 上一页 / 第 n / m 页，共 k 条 / 下一页 under every paged table of the workspace. */
export default function Pager(props: {
  page: number;
  pageSize: number;
  total: number;
  /** The unit counted, e.g. 个, 条, 人 */
  unit: string;
  onPage: (page: number) => void;
  testId?: string;
}) {
  const { page, pageSize, total } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = page <= 1;
  const last = page >= pages;
  // `disabled={false}` would still reach Taro's element as an attribute (and grey it out).
  return (
    <View className="staff-pager" data-testid={props.testId ?? 'pager'}>
      <Button
        className="btn btn--plain staff-pager__btn"
        disabled={first ? true : undefined}
        {...a11y('上一页', { disabled: first })}
        onClick={() => props.onPage(page - 1)}
      >
        上一页
      </Button>
      <Text className="staff-pager__info" data-testid="pager-info">
        {`第 ${page} / ${pages} 页，共 ${total} ${props.unit}`}
      </Text>
      <Button
        className="btn btn--plain staff-pager__btn"
        disabled={last ? true : undefined}
        {...a11y('下一页', { disabled: last })}
        onClick={() => props.onPage(page + 1)}
      >
        下一页
      </Button>
    </View>
  );
}
