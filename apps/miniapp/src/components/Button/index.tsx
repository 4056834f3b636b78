import { Button as TaroButton, type ButtonProps } from '@tarojs/components';
import { IS_H5 } from '../../constants';

type Props = ButtonProps & {
  role?: string;
  ariaLabel?: string;
  'data-testid'?: string;
};

interface KeyEvent {
  key: string;
  preventDefault(): void;
}

/**
 * Every button of the app. On H5, Taro renders `<taro-button-core>`, which the browser treats as
 * a plain element: out of the Tab order, no role, deaf to Enter and Space. Here it becomes a
 * button to the keyboard and to screen readers: focusable, `role="button"` unless a more exact
 * role is given (switch, radio, checkbox), Enter and Space activate it, and a disabled button
 * says so. On weapp the native button already is all that.
 */
export default function Button(props: Props) {
  if (!IS_H5) return <TaroButton {...props} />;
  const { onClick, disabled, role, ...rest } = props;
  const keyboard = {
    tabIndex: disabled ? -1 : 0,
    'aria-disabled': disabled ? 'true' : undefined,
    onKeyDown: (e: KeyEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      if (!disabled) (onClick as ((event: unknown) => void) | undefined)?.(e);
    },
  };
  // Attributes Taro's typings do not list; on H5 they reach the element as they are.
  const h5 = { ...keyboard, role: role ?? 'button' } as Record<string, unknown>;
  // Only a disabled button carries the attribute: Taro writes disabled="false" too, which the
  // `[disabled]` styles would take for disabled.
  return (
    <TaroButton {...rest} {...h5} {...(disabled ? { disabled: true } : {})} onClick={onClick} />
  );
}
