import { Text, View } from '@tarojs/components';
import Button from '../Button';
import { a11y, ariaHidden } from '../../utils/a11y';
import './index.scss';

interface Props {
  value: boolean;
  onChange: (on: boolean) => void;
}

/** 长辈模式 toggle: one large target with a visible on/off state. */
export default function ElderSwitch({ value, onChange }: Props) {
  return (
    <Button
      className={`elder-switch ${value ? 'elder-switch--on' : ''}`}
      data-testid="elder-switch"
      {...a11y('长辈模式，放大文字和按钮', { role: 'switch', checked: value })}
      onClick={() => onChange(!value)}
    >
      <Text className="elder-switch__label">长辈模式</Text>
      <View className="elder-switch__track" {...ariaHidden}>
        <View className="elder-switch__knob" />
      </View>
      <Text className="elder-switch__state">{value ? '已开启' : '已关闭'}</Text>
    </Button>
  );
}
