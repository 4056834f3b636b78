import type { ComponentProps, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import TextField from '../../components/TextField';
import { a11y, ariaLive } from '../../utils/a11y';

/** A heading inside a screen (a form's or a card's title), level 2 unless said. */
export function Heading(props: {
  text: string;
  /** The accessible name when it is not the text. */
  name?: string;
  level?: number;
  className?: string;
}) {
  return (
    <Text
      className={props.className ?? 'admin-section-title'}
      {...a11y(props.name ?? props.text, { role: 'heading', level: props.level ?? 2 })}
    >
      {props.text}
    </Text>
  );
}

/** A line saying what happened (已保存…) or, as an error, what went wrong; nothing when empty. */
export function Notice(props: { text: string; error?: boolean; testId?: string }) {
  if (!props.text) return null;
  return (
    <Text
      className={props.error ? 'admin-notice admin-notice--error' : 'admin-notice'}
      data-testid={props.testId}
      {...ariaLive}
    >
      {props.text}
    </Text>
  );
}

/**
 * A form's buttons: the primary one, which reads e.g. 保存中… while the request runs, and an
 * optional second one (取消 unless said).
 */
export function FormActions(props: {
  text: string;
  busy: boolean;
  busyText?: string;
  testId: string;
  onClick: () => void;
  /** The second button: its click, and its text and test id when not 取消. */
  cancel?: { onClick: () => void; text?: string; testId?: string };
  /** The row's and its buttons' classes: the admin form's unless said. */
  className?: string;
  buttonClassName?: string;
}) {
  const { busy, cancel } = props;
  const buttonClass = props.buttonClassName ?? 'admin-form__btn';
  const cancelText = cancel?.text ?? '取消';
  return (
    <View className={props.className ?? 'admin-form__actions'}>
      <Button
        className={`btn btn--primary ${buttonClass} ${busy ? 'btn--disabled' : ''}`}
        data-testid={props.testId}
        {...a11y(props.text, { disabled: busy })}
        onClick={props.onClick}
      >
        {busy ? (props.busyText ?? '保存中…') : props.text}
      </Button>
      {cancel ? (
        <Button
          className={`btn btn--plain ${buttonClass}`}
          data-testid={cancel.testId}
          {...a11y(cancelText)}
          onClick={cancel.onClick}
        >
          {cancelText}
        </Button>
      ) : null}
    </View>
  );
}

/**
 * A text field with its button beside it (查询, 筛选, 添加): the button and the keyboard's confirm
 * key do the same. `before` stands first in the row (e.g. a group of filters).
 */
export function FieldButton(props: {
  field: Omit<ComponentProps<typeof TextField>, 'onConfirm'>;
  /** The classes of the row, the field and the button: a search row's unless said. */
  className?: string;
  fieldClassName?: string;
  buttonClassName?: string;
  text: string;
  /** The button's accessible name when it is not its text. */
  name?: string;
  testId: string;
  onGo: () => void;
  before?: ReactNode;
}) {
  return (
    <View className={props.className ?? 'staff-search'}>
      {props.before}
      <View className={props.fieldClassName ?? 'staff-search__field'}>
        <TextField {...props.field} onConfirm={props.onGo} />
      </View>
      <Button
        className={`btn btn--ghost ${props.buttonClassName ?? 'staff-search__go'}`}
        data-testid={props.testId}
        {...a11y(props.name ?? props.text)}
        onClick={props.onGo}
      >
        {props.text}
      </Button>
    </View>
  );
}

/** The row of an admin screen above its list, with the button that opens the 新增 form. */
export function Toolbar(props: { text: string; testId: string; onClick: () => void }) {
  return (
    <View className="admin-toolbar">
      <Button
        className="btn btn--primary admin-toolbar__btn"
        data-testid={props.testId}
        {...a11y(props.text)}
        onClick={props.onClick}
      >
        {props.text}
      </Button>
    </View>
  );
}
