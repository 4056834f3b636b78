import { Text, View } from '@tarojs/components';
import Button, { radioOption } from '../../components/Button';
import TextField from '../../components/TextField';
import { a11y, ariaHidden } from '../../utils/a11y';
import { normalizePhone } from '../../utils/validate';
import type { RatingDraft } from './useRatingDraft';

const CHOICES = [
  {
    anonymous: false,
    title: '实名，留下电话以便回访',
    note: '工作人员会回访您，并反馈整改结果',
    testId: 'contact-real-name',
  },
  {
    anonymous: true,
    title: '匿名',
    note: '不留电话，工作人员无法回访您',
    testId: 'contact-anonymous',
  },
] as const;

/** A bad rating: two plain choices — real name with a phone for the call-back, or anonymous. */
export default function ContactCard({ draft }: { draft: RatingDraft }) {
  return (
    <View className="card" data-testid="contact-card">
      <Text className="card__title">是否需要回访</Text>
      <View className="contact-choices" {...a11y('是否需要回访', { role: 'radiogroup' })}>
        {CHOICES.map((choice, index) => {
          const on = draft.anonymous === choice.anonymous;
          return (
            <Button
              key={choice.testId}
              className={`contact-choice ${on ? 'contact-choice--on' : ''}`}
              data-testid={choice.testId}
              {...a11y(`${choice.title}：${choice.note}`, { role: 'radio', checked: on })}
              onClick={() => draft.chooseAnonymous(choice.anonymous)}
              {...radioOption(
                index,
                CHOICES.length,
                CHOICES.findIndex((c) => c.anonymous === draft.anonymous),
                (i) => draft.chooseAnonymous(CHOICES[i].anonymous),
              )}
            >
              <View className="contact-choice__mark" {...ariaHidden}>
                {on ? <View className="contact-choice__dot" /> : null}
              </View>
              <View className="contact-choice__text">
                <Text className="contact-choice__title">{choice.title}</Text>
                <Text className="contact-choice__note">{choice.note}</Text>
              </View>
            </Button>
          );
        })}
      </View>
      {draft.needsPhone ? (
        <View className="rate__phone">
          <TextField
            label="手机号码（用于回访）"
            value={draft.phone}
            onChange={(v) => draft.changePhone(normalizePhone(v))}
            onBlur={draft.touchPhone}
            maxLength={11}
            tel
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
