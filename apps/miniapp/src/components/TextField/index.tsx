import { Input, Text, Textarea, View } from '@tarojs/components';
import { IS_H5 } from '../../constants';
import { ariaLive, fieldA11y } from '../../utils/a11y';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** multi-line with a live "n/max" counter */
  multiline?: boolean;
  maxLength: number;
  placeholder?: string;
  required?: boolean;
  error?: string;
  /** numeric keyboard (digits) */
  numeric?: boolean;
  /**
   * A phone number: on H5 an `<input type="tel">` (a numeric keypad, read as a text field, not
   * the spin button of type=number); on weapp the number keyboard.
   */
  tel?: boolean;
  /** hidden characters (passwords) */
  password?: boolean;
  /** submit from the keyboard (the confirm key; Enter on H5) */
  onConfirm?: () => void;
  /** The accessible name when it must be exactly the label (no 必填/选填 suffix). */
  a11yName?: string;
  testId: string;
}

/** A labelled Input or Textarea with inline error and (multi-line) a live counter. */
export default function TextField({
  label,
  value,
  onChange,
  onBlur,
  multiline = false,
  maxLength,
  placeholder,
  required = false,
  error,
  numeric = false,
  tel = false,
  password = false,
  onConfirm,
  a11yName,
  testId,
}: Props) {
  const a11yLabel = a11yName ?? `${label}${required ? '（必填）' : '（选填）'}`;
  const labelled = fieldA11y(a11yLabel);
  const inputA11y =
    tel && IS_H5
      ? {
          nativeProps: {
            ...labelled.nativeProps,
            type: 'tel',
            inputmode: 'numeric',
            autocomplete: 'tel',
          },
        }
      : labelled;
  return (
    <View className={`field ${error ? 'field--invalid' : ''}`} data-testid={`${testId}-field`}>
      <Text className="field__label">
        {label}
        {required ? <Text className="field__required"> *</Text> : null}
      </Text>
      {multiline ? (
        <Textarea
          className="field__textarea"
          data-testid={testId}
          value={value}
          maxlength={maxLength}
          placeholder={placeholder}
          {...fieldA11y(a11yLabel)}
          onInput={(e) => onChange(e.detail.value.slice(0, maxLength))}
          onBlur={() => onBlur?.()}
        />
      ) : (
        <Input
          className="field__input"
          data-testid={testId}
          type={numeric || tel ? 'number' : 'text'}
          password={password}
          value={value}
          maxlength={maxLength}
          placeholder={placeholder}
          {...inputA11y}
          onInput={(e) => onChange(e.detail.value)}
          onBlur={() => onBlur?.()}
          onConfirm={() => onConfirm?.()}
        />
      )}
      <View className="field__footer">
        <Text className="field__error" data-testid={`${testId}-error`} {...ariaLive}>
          {error ?? ''}
        </Text>
        {multiline ? (
          <Text
            className={`field__counter ${value.length >= maxLength ? 'field__counter--full' : ''}`}
            data-testid={`${testId}-counter`}
          >
            {`${value.length}/${maxLength}`}
          </Text>
        ) : null}
      </View>
    </View>
  );
}
