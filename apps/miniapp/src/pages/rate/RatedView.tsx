import { View } from '@tarojs/components';
import Button from '../../components/Button';
import StateView from '../../components/StateView';
import TransactionCard from '../../components/TransactionCard';
import { IS_WEAPP, ROUTES } from '../../constants';
import type { RatingForm } from '../../services/api';
import type { RatingResult } from '../../services/rating-queue';
import { a11y } from '../../utils/a11y';
import { openPage } from '../../utils/nav';

function canFollowUp(form: RatingForm): boolean {
  return (
    !!form.ratingId &&
    !form.followedUp &&
    !!form.followUpUntil &&
    new Date(form.followUpUntil).getTime() > Date.now()
  );
}

/** A token already rated: thanks, the ticket it became, and what can still be done. */
export default function RatedView(props: {
  token: string;
  form: RatingForm;
  mine: RatingResult | null;
}) {
  const { token, form, mine } = props;
  return (
    <View>
      <StateView
        tone="success"
        title="该办件已评价"
        message={
          mine?.ticketNo
            ? `感谢您的参与。您的意见已转为整改工单 ${mine.ticketNo}，相关部门会尽快处理。`
            : '感谢您的参与，每个办件只能评价一次。'
        }
        testId="state-rated"
      >
        {canFollowUp(form) ? (
          <Button
            className="btn btn--primary"
            data-testid="follow-up-entry"
            {...a11y('追加评价')}
            onClick={() => openPage(ROUTES.followUp, { token, ratingId: form.ratingId })}
          >
            追加评价
          </Button>
        ) : null}
        <Button
          className="btn btn--ghost"
          {...a11y('我要投诉')}
          onClick={() => openPage(ROUTES.complaint, { token })}
        >
          我要投诉
        </Button>
        {IS_WEAPP ? (
          <Button
            className="btn btn--ghost"
            {...a11y('查看我的评价')}
            onClick={() => openPage(ROUTES.mine)}
          >
            查看我的评价
          </Button>
        ) : null}
      </StateView>
      <TransactionCard transaction={form.transaction} />
    </View>
  );
}
