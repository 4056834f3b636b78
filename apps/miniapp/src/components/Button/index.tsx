import { Button as TaroButton, type ButtonProps } from '@tarojs/components';
import { IS_H5 } from '../../constants';

/** Where an arrow key asks a radio group to move: the next/previous option, or the first/last. */
export type ArrowStep = 1 | -1 | 'first' | 'last';

type Props = ButtonProps & {
  role?: string;
  ariaLabel?: string;
  'data-testid'?: string;
  /**
   * One option of a radio group (WAI-ARIA radio pattern): only the chosen option is in the Tab
   * order (`inGroupTabStop`), and the arrow keys, Home and End move the choice (`onArrow`).
   */
  inGroupTabStop?: boolean;
  onArrow?: (step: ArrowStep, options: HTMLElement[]) => void;
};

/**
 * The props that make option `index` of `count` one radio of a group: only the chosen one (or the
 * first, while none is) is a Tab stop, and the arrow keys, Home and End choose and focus another,
 * wrapping at the ends.
 */
export function radioOption(
  index: number,
  count: number,
  chosen: number,
  choose: (index: number) => void,
): Pick<Props, 'inGroupTabStop' | 'onArrow'> {
  return {
    inGroupTabStop: index === (chosen < 0 ? 0 : chosen),
    onArrow: (step, options) => {
      const to =
        step === 'first' ? 0 : step === 'last' ? count - 1 : (index + step + count) % count;
      choose(to);
      options[to]?.focus();
    },
  };
}

const ARROWS: Record<string, ArrowStep> = {
  ArrowDown: 1,
  ArrowRight: 1,
  ArrowUp: -1,
  ArrowLeft: -1,
  Home: 'first',
  End: 'last',
};

interface KeyEvent {
  key: string;
  currentTarget: unknown;
  preventDefault(): void;
}

/** The radio options beside this one (its group's elements with the same role), for focusing. */
function groupOf(target: unknown): HTMLElement[] {
  const element = target as HTMLElement | null;
  const group = element?.closest?.('[role="radiogroup"]');
  return group ? Array.from(group.querySelectorAll<HTMLElement>('[role="radio"]')) : [];
}

/**
 * Every button of the app. On H5, Taro renders `<taro-button-core>`, which the browser treats as
 * a plain element: out of the Tab order, no role, deaf to Enter and Space. Here it becomes a
 * button to the keyboard and to screen readers: focusable, `role="button"` unless a more exact
 * role is given (switch, radio, checkbox), Enter and Space activate it, and a disabled button
 * says so. On weapp the native button already is all that.
 */
export default function Button(props: Props) {
  const { onClick, disabled, role, inGroupTabStop, onArrow, ...rest } = props;
  if (!IS_H5) return <TaroButton {...rest} disabled={disabled} onClick={onClick} />;
  const keyboard = {
    tabIndex: disabled || inGroupTabStop === false ? -1 : 0,
    'aria-disabled': disabled ? 'true' : undefined,
    onKeyDown: (e: KeyEvent) => {
      const step = onArrow ? ARROWS[e.key] : undefined;
      if (step !== undefined) {
        e.preventDefault();
        onArrow?.(step, groupOf(e.currentTarget));
        return;
      }
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
