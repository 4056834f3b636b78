import Taro from '@tarojs/taro';
import { IS_H5 } from '../constants';

/**
 * Accessibility props for a Taro component. On H5 they become real ARIA attributes
 * (`aria-label`, `role`, …); on weapp the same names are rendered by the a11y template patch
 * (config/a11y-plugin.js) as WeChat's `aria-*` attributes (`aria-role` instead of `role`).
 * Booleans are sent as 'true'/'false' strings so H5 writes them as attributes.
 */
export interface A11yProps {
  ariaLabel: string;
  role?: string;
  ariaRole?: string;
  ariaChecked?: 'true' | 'false';
  ariaPressed?: 'true' | 'false';
  ariaSelected?: 'true' | 'false';
  ariaDisabled?: 'true' | 'false';
  ariaCurrent?: 'page';
  ariaLevel?: string;
  ariaExpanded?: 'true' | 'false';
}

export interface A11yOptions {
  role?: string;
  checked?: boolean;
  pressed?: boolean;
  selected?: boolean;
  disabled?: boolean;
  /** The navigation entry of the page on screen. */
  current?: boolean;
  /** Heading level, with role 'heading'. */
  level?: number;
  /** A control that shows or hides more (展开 / 收起). */
  expanded?: boolean;
}

const flag = (value: boolean | undefined): 'true' | 'false' | undefined =>
  value === undefined ? undefined : value ? 'true' : 'false';

export function a11y(label: string, options: A11yOptions = {}): A11yProps {
  const props: A11yProps = { ariaLabel: label };
  if (options.role) {
    if (IS_H5) props.role = options.role;
    else props.ariaRole = options.role;
  }
  if (options.checked !== undefined) props.ariaChecked = flag(options.checked);
  if (options.pressed !== undefined) props.ariaPressed = flag(options.pressed);
  if (options.selected !== undefined) props.ariaSelected = flag(options.selected);
  if (options.disabled !== undefined) props.ariaDisabled = flag(options.disabled);
  if (options.current) props.ariaCurrent = 'page';
  if (options.level !== undefined) props.ariaLevel = String(options.level);
  if (options.expanded !== undefined) props.ariaExpanded = flag(options.expanded);
  return props;
}

/** Decorative content (emoji icons): hidden from screen readers. */
export const ariaHidden = { ariaHidden: 'true' } as const;

/** A live region that announces its text (status lines, inline errors). */
export const ariaLive = { ariaLive: 'polite' } as const;

/**
 * Label for Input/Textarea. On H5 it goes onto the inner native control only, so the field has
 * one accessible name (the wrapping custom element is no control and gets none).
 */
export function fieldA11y(label: string): {
  ariaLabel?: string;
  nativeProps?: Record<string, string>;
} {
  return IS_H5 ? { nativeProps: { 'aria-label': label } } : { ariaLabel: label };
}

/** Alternative text of an Image: on H5 on the inner <img> (Taro's wrapper is no image). */
export function imageA11y(text: string): {
  ariaLabel?: string;
  nativeProps?: Record<string, string>;
} {
  return IS_H5 ? { nativeProps: { alt: text } } : { ariaLabel: text };
}

/**
 * After a refused submit: bring the first wrong field to the middle of the screen (clear of the
 * fixed submit bar, in 长辈模式 too) and put the focus in it, so a screen reader reads its error
 * and a keyboard user types on. `testId` names the field on H5, `selector` (a class) on weapp.
 */
export function revealField(testId: string, selector: string): void {
  if (!IS_H5) {
    void Taro.pageScrollTo({ selector, offsetTop: -160, duration: 200 }).catch(() => undefined);
    return;
  }
  // After React has drawn the error under the field.
  setTimeout(() => {
    const host = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    if (!host) return;
    const control = host.querySelector<HTMLElement>('input, textarea') ?? host;
    control.focus({ preventScroll: true });
    host.scrollIntoView({ block: 'center' });
  }, 0);
}
