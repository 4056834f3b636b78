import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { LEVEL_LABELS } from '@haochaping/domain';
import Button from '../../components/Button';
import { ROUTES } from '../../constants';
import type { TicketRow } from '../../services/staff-api';
import { a11y } from '../../utils/a11y';
import { openPage } from '../../utils/nav';
import { dueBadge, SOURCE_LABELS } from '../labels';

/** A button in a table row (编辑, 停用, 吊销, 重试). */
export function RowButton(props: {
  name: string;
  testId?: string;
  /** 'ghost' for what cannot simply be undone; 'plain' unless said. */
  tone?: 'plain' | 'ghost';
  /** Said to a screen reader only (the click is refused while a request runs). */
  busy?: boolean;
  /** A real disabled button (greyed, out of the Tab order). */
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  const { disabled } = props;
  const state = disabled ?? props.busy;
  return (
    <Button
      className={`btn btn--${props.tone ?? 'plain'} admin-row-btn`}
      data-testid={props.testId}
      // `disabled={false}` would still reach Taro's element as an attribute (and grey it out).
      disabled={disabled ? true : undefined}
      {...a11y(props.name, state === undefined ? {} : { disabled: state })}
      onClick={props.onClick}
    >
      {props.children}
    </Button>
  );
}

/** — in a cell with nothing to show or do. */
export function NoValue() {
  return <Text className="admin-muted">—</Text>;
}

/** A status tag that is on (有效, 启用) or off (已吊销, 已停用). */
export function OnOffTag(props: { on: boolean; text: [on: string, off: string]; testId: string }) {
  return (
    <Text
      className={`admin-tag ${props.on ? 'admin-tag--on' : 'admin-tag--off'}`}
      data-testid={props.testId}
    >
      {props.on ? props.text[0] : props.text[1]}
    </Text>
  );
}

/**
 * A rounded choice button: a tab (role tab, selected), a radio (checked) or a toggle of a filter
 * group (pressed).
 */
export function StaffTab(props: {
  on: boolean;
  kind: 'tab' | 'radio' | 'toggle';
  name: string;
  testId?: string;
  onClick: () => void;
  children: ReactNode;
}) {
  const { on } = props;
  const state =
    props.kind === 'tab'
      ? { role: 'tab', selected: on }
      : props.kind === 'radio'
        ? { role: 'radio', checked: on }
        : { pressed: on };
  return (
    <Button
      className={`staff-tab ${on ? 'staff-tab--on' : ''}`}
      data-testid={props.testId}
      {...a11y(props.name, state)}
      onClick={props.onClick}
    >
      {props.children}
    </Button>
  );
}

/** 差评 · 很不满意, or 投诉: where a ticket came from. */
export function ticketSource(t: Pick<TicketRow, 'source' | 'level'>): string {
  return t.level
    ? `${SOURCE_LABELS[t.source]} · ${LEVEL_LABELS[t.level]}`
    : SOURCE_LABELS[t.source];
}

/** 已超期 / 即将到期, and (with `urge`) 督办 ×N, beside a ticket's status. */
export function DueBadges(props: {
  ticket: Pick<TicketRow, 'overdue' | 'dueSoon' | 'urgeCount'>;
  urge?: boolean;
}) {
  const t = props.ticket;
  const badge = dueBadge(t);
  return (
    <>
      {badge ? (
        <Text className={`staff-badge staff-badge--${badge.tone}`}>{badge.text}</Text>
      ) : null}
      {props.urge && t.urgeCount ? (
        <Text className="staff-badge staff-badge--urge" data-testid="urge-count">
          {`督办 ×${t.urgeCount}`}
        </Text>
      ) : null}
    </>
  );
}

/** A ticket's number, as the link to its detail. */
export function TicketNo(props: { ticket: Pick<TicketRow, 'id' | 'ticketNo'>; testId?: string }) {
  const t = props.ticket;
  return (
    <Button
      className="staff-row__no"
      data-testid={props.testId}
      {...a11y(`工单 ${t.ticketNo}`)}
      onClick={() => openPage(ROUTES.staffTicket, { id: t.id })}
    >
      {t.ticketNo}
    </Button>
  );
}

/** One choice among a few, as a radio group of rounded buttons (整改方式, 回访方式). */
export function Choices<V extends string>(props: {
  label: string;
  options: readonly V[];
  labels: Record<V, string>;
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <View className="ticket-choices" {...a11y(props.label, { role: 'radiogroup' })}>
      {props.options.map((o) => (
        <StaffTab
          key={o}
          kind="radio"
          on={props.value === o}
          name={props.labels[o]}
          onClick={() => props.onChange(o)}
        >
          {props.labels[o]}
        </StaffTab>
      ))}
    </View>
  );
}
