import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../Button';
import TextField from '../TextField';
import { a11y, ariaLive } from '../../utils/a11y';
import './index.scss';

export interface AdminOption {
  value: string;
  text: string;
}

/** More options than this and the group folds away behind its current choice, with a filter. */
const FOLD_ABOVE = 8;

/**
 * One choice among options, as a group of radio buttons. A long list (departments, windows)
 * shows only the current choice and 更改 until opened, then a filter and the options.
 */
export default function AdminChoice(props: {
  label: string;
  options: AdminOption[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** Shown when there is nothing to choose from. */
  emptyText?: string;
  /** A line under the options (e.g. 仅显示前 100 个). */
  hint?: string;
  /** Fold the options away when there are more than this (default 8). */
  foldAbove?: number;
  /** Marked with * like a required text field. */
  required?: boolean;
  testId: string;
}) {
  const { label, options, value } = props;
  const fold = options.length > (props.foldAbove ?? FOLD_ABOVE);
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const current = options.find((o) => o.value === value);
  // The toggle's name starts with its visible word (更改所属部门), as speech input expects.
  const toggle = open ? '收起' : current ? '更改' : '选择';
  const shown =
    fold && filter.trim()
      ? options.filter((o) => o.text.toLowerCase().includes(filter.trim().toLowerCase()))
      : options;

  const group = (
    <View className="admin-choice__options" {...a11y(label, { role: 'radiogroup' })}>
      {shown.map((o) => (
        <Button
          key={o.value}
          className={`staff-tab ${value === o.value ? 'staff-tab--on' : ''}`}
          {...a11y(o.text, { role: 'radio', checked: value === o.value })}
          onClick={() => {
            props.onChange(o.value);
            setOpen(false);
            setFilter('');
          }}
        >
          {o.text}
        </Button>
      ))}
      {shown.length === 0 ? (
        <Text className="admin-muted">
          {options.length ? '没有符合筛选的选项' : props.emptyText}
        </Text>
      ) : null}
    </View>
  );

  return (
    <View
      className={`admin-choice ${props.error ? 'admin-choice--invalid' : ''}`}
      data-testid={props.testId}
    >
      <Text className="field__label">
        {label}
        {props.required ? <Text className="field__required"> *</Text> : null}
      </Text>
      {fold ? (
        <View className="admin-choice__current">
          <Text className="admin-choice__value" data-testid={`${props.testId}-value`}>
            {current ? current.text : '未选择'}
          </Text>
          <Button
            className="btn btn--plain admin-row-btn"
            data-testid={`${props.testId}-toggle`}
            {...a11y(`${toggle}${label}`)}
            {...{ ariaExpanded: open ? 'true' : 'false' }}
            onClick={() => setOpen(!open)}
          >
            {toggle}
          </Button>
        </View>
      ) : null}
      {fold && open ? (
        <View className="admin-choice__panel">
          <TextField
            label={`筛选${label}`}
            a11yName={`筛选${label}`}
            value={filter}
            onChange={setFilter}
            maxLength={50}
            placeholder="输入名称中的字"
            testId={`${props.testId}-filter`}
          />
          {group}
        </View>
      ) : null}
      {!fold ? group : null}
      {props.hint ? <Text className="admin-muted">{props.hint}</Text> : null}
      <Text className="field__error" data-testid={`${props.testId}-error`} {...ariaLive}>
        {props.error ?? ''}
      </Text>
    </View>
  );
}
