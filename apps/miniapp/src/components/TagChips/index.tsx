import { View } from '@tarojs/components';
import Button from '../Button';
import { RATING_LIMITS } from '@haochaping/domain';
import { a11y } from '../../utils/a11y';
import './index.scss';

interface Props {
  tags: readonly string[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  max?: number;
}

/** The option tags of the chosen level; tap to toggle. */
export default function TagChips({ tags, selected, onChange, max = RATING_LIMITS.tagsMax }: Props) {
  const toggle = (tag: string) => {
    if (selected.includes(tag)) onChange(selected.filter((t) => t !== tag));
    else if (selected.length < max) onChange([...selected, tag]);
  };
  return (
    <View className="tag-chips" data-testid="tag-chips" {...a11y('评价标签，可多选')}>
      {tags.map((tag) => {
        const on = selected.includes(tag);
        return (
          <Button
            key={tag}
            className={`tag-chip ${on ? 'tag-chip--on' : ''}`}
            data-testid="tag-chip"
            {...a11y(tag, { pressed: on })}
            onClick={() => toggle(tag)}
          >
            {tag}
          </Button>
        );
      })}
    </View>
  );
}
