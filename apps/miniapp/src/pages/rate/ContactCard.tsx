import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import TextField from '../../components/TextField';
import { a11y } from '../../utils/a11y';
import { normalizePhone } from '../../utils/validate';
import type { RatingDraft } from './useRatingDraft';

/** A bad rating: anonymous, or a phone number for the call-back. */
export default function ContactCard({ draft }: { draft: RatingDraft }) {
  return (
    <View className="card" data-testid="contact-card">
      <View className="row-switch">
        <View className="row-switch__text">
          <Text className="card__title rate__anon-title">匿名评价</Text>
          <Text className="muted">
            {draft.anonymous
              ? '匿名后工作人员无法回访您'
              : '留下手机号，工作人员会回访并反馈整改结果'}
          </Text>
        </View>
        <Button
          className={`toggle ${draft.anonymous ? 'toggle--on' : ''}`}
          data-testid="anonymous-switch"
          {...a11y('匿名评价', { role: 'switch', checked: draft.anonymous })}
          onClick={draft.toggleAnonymous}
        >
          <View className="toggle__knob" />
        </Button>
      </View>
      {draft.needsPhone ? (
        <View className="rate__phone">
          <TextField
            label="手机号码（用于回访）"
            value={draft.phone}
            onChange={(v) => draft.changePhone(normalizePhone(v))}
            onBlur={draft.touchPhone}
            maxLength={11}
            numeric
            required
            placeholder="请输入11位手机号码"
            error={draft.phoneMessage}
            testId="phone"
          />
        </View>
      ) : null}
    </View>
  );
}
