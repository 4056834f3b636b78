import { Text, View } from '@tarojs/components';
import Button, { radioOption } from '../Button';
import type { LevelOptions, RatingLevel } from '@haochaping/domain';
import { a11y, ariaHidden } from '../../utils/a11y';
import './index.scss';

/** A face per level, readable without the words (Unicode 6.0 emoji: shown on older phones too). */
export const LEVEL_ICONS: Readonly<Record<RatingLevel, string>> = {
  5: '😄',
  4: '😊',
  3: '😐',
  2: '😞',
  1: '😠',
};

interface Props {
  levels: readonly Pick<LevelOptions, 'level' | 'label'>[];
  value: number | null;
  onChange: (level: RatingLevel) => void;
  /** 长辈模式: one level per row, larger. */
  elder?: boolean;
}

/** The five levels 非常满意 … 非常不满意 as large buttons (a radio group). */
export default function LevelPicker({ levels, value, onChange, elder = false }: Props) {
  const chosen = levels.findIndex((l) => l.level === value);
  const choose = (index: number) => onChange(levels[index].level);
  return (
    <View
      className={`level-picker ${elder ? 'level-picker--elder' : ''}`}
      data-testid="level-picker"
      {...a11y('评价等级，请选择一项', { role: 'radiogroup' })}
    >
      {levels.map(({ level, label }, index) => {
        const selected = value === level;
        return (
          <Button
            key={level}
            className={`level-btn level-btn--${level} ${selected ? 'level-btn--selected' : ''}`}
            data-testid={`level-${level}`}
            {...a11y(`${label}（${level}星）`, { role: 'radio', checked: selected })}
            onClick={() => onChange(level)}
            {...radioOption(index, levels.length, chosen, choose)}
          >
            <Text className="level-btn__icon" {...ariaHidden}>
              {LEVEL_ICONS[level]}
            </Text>
            <Text className="level-btn__label">{label}</Text>
            {selected ? (
              <Text className="level-btn__check" {...ariaHidden}>
                ✓
              </Text>
            ) : null}
          </Button>
        );
      })}
    </View>
  );
}
