import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import { useRouter } from '@tarojs/taro';
import { RATING_LIMITS, type RatingLevel } from '@haochaping/domain';
import HomeButton from '../../components/HomeButton';
import HotlineButton from '../../components/HotlineButton';
import PageFrame from '../../components/PageFrame';
import LevelPicker from '../../components/LevelPicker';
import StateView from '../../components/StateView';
import TextField from '../../components/TextField';
import TransactionCard from '../../components/TransactionCard';
import { useElderMode } from '../../hooks/useElderMode';
import LoadState, { type LoadTexts } from '../../components/LoadState';
import { useRemote } from '../../hooks/useRemote';
import { getRatingForm, submitFollowUp, type RatingForm } from '../../services/api';
import { ApiError, errorMessage } from '../../services/request';
import { a11y, ariaLive } from '../../utils/a11y';
import { routeParam } from '../../utils/nav';

type Closed = {
  kind: 'closed';
  title: string;
  message: string;
  testId: string;
  /** The message points to the 12345 hotline: offer 拨打 12345 beside 返回首页. */
  hotline?: boolean;
};
type Screen = Closed | { kind: 'form'; form: RatingForm };
/** What the submit led to: done, or a closed state the server answered with. */
type Outcome = Closed | { kind: 'done' };

const LOAD_TEXTS: LoadTexts = {
  invalid: '请从评价结果页或评价二维码重新进入。',
  expiredTitle: '已超过追评期限',
  expired: '追加评价的时间已过。如有意见，可拨打 12345 政务服务热线反映。',
  errorTitle: '暂时无法打开',
  hotline: true,
};

const MAX = RATING_LIMITS.followUpMax;

function closedScreen(code: string): Closed | null {
  switch (code) {
    case 'ALREADY_FOLLOWED_UP':
      return {
        kind: 'closed',
        title: '您已追加过评价',
        message: '每次评价可追加一次，感谢您的反馈。',
        testId: 'state-followed-up',
      };
    case 'FOLLOW_UP_CLOSED':
      return {
        kind: 'closed',
        title: '已超过追评期限',
        message: LOAD_TEXTS.expired,
        testId: 'state-follow-up-closed',
        hotline: true,
      };
    case 'NOT_FOUND':
      return {
        kind: 'closed',
        title: '未找到该评价',
        message: '请从评价结果页或评价二维码重新进入。',
        testId: 'state-invalid',
      };
    default:
      return null;
  }
}

/** Whether the loaded rating can still take its one follow-up. */
function formScreen(form: RatingForm): Screen {
  if (!form.rated || !form.ratingId) return closedScreen('NOT_FOUND') as Closed;
  if (form.followedUp) return closedScreen('ALREADY_FOLLOWED_UP') as Closed;
  if (form.followUpUntil && new Date(form.followUpUntil).getTime() < Date.now())
    return closedScreen('FOLLOW_UP_CLOSED') as Closed;
  return { kind: 'form', form };
}

/** 追评: one follow-up comment (and optionally a new level) within the follow-up period. */
export default function FollowUpPage() {
  const { params } = useRouter();
  const token = routeParam(params, 'token');
  const ratingIdParam = Number(routeParam(params, 'ratingId')) || 0;
  const [elder, setElder] = useElderMode();
  const [remote, reload] = useRemote(token || null, getRatingForm);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [comment, setComment] = useState('');
  const [commentTouched, setCommentTouched] = useState(false);
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');

  const commentError = commentTouched && !comment.trim() ? '请写下您要追加的内容' : '';

  const send = (form: RatingForm) => {
    if (sending) return;
    if (!comment.trim()) {
      setCommentTouched(true);
      return;
    }
    setSending(true);
    setError('');
    const ratingId = form.ratingId ?? ratingIdParam;
    submitFollowUp(ratingId, {
      token,
      comment: comment.trim(),
      ...(level ? { level } : {}),
    }).then(
      () => setOutcome({ kind: 'done' }),
      (e: unknown) => {
        setSending(false);
        const closed = e instanceof ApiError ? closedScreen(e.code) : null;
        if (closed) setOutcome(closed);
        else setError(errorMessage(e));
      },
    );
  };

  const root = (children: ReactNode, footer = false) => (
    <PageFrame
      title="追加评价"
      testId="follow-up-page"
      elder={elder}
      onElderChange={setElder}
      footer={footer}
    >
      {children}
    </PageFrame>
  );

  if (remote.kind === 'loading' || remote.kind === 'error') {
    return root(<LoadState state={remote} texts={LOAD_TEXTS} onRetry={reload} />);
  }
  const screen: Screen | Outcome =
    outcome ??
    (remote.kind === 'ready'
      ? formScreen(remote.data)
      : (closedScreen(remote.kind === 'invalid' ? 'NOT_FOUND' : 'FOLLOW_UP_CLOSED') as Closed));
  if (screen.kind === 'closed' || screen.kind === 'done') {
    const view =
      screen.kind === 'done'
        ? {
            tone: 'success' as const,
            title: '追评已提交',
            message: '感谢您的反馈，我们会转交相关部门。',
            testId: 'state-follow-up-done',
          }
        : { tone: 'warning' as const, ...screen };
    return root(
      <StateView tone={view.tone} title={view.title} message={view.message} testId={view.testId}>
        {'hotline' in view && view.hotline ? <HotlineButton variant="ghost" /> : null}
        <HomeButton />
      </StateView>,
    );
  }

  const { form } = screen;
  return root(
    <View>
      <TransactionCard transaction={form.transaction} />
      <View className="card">
        <TextField
          label="追加内容"
          value={comment}
          onChange={setComment}
          onBlur={() => setCommentTouched(true)}
          multiline
          maxLength={MAX}
          required
          placeholder="办事后续情况、新的意见或建议"
          error={commentError}
          testId="follow-up-comment"
        />
      </View>
      <View className="card">
        <Text className="card__title">
          修改评价等级
          <Text className="card__hint">选填</Text>
        </Text>
        <LevelPicker levels={form.options.levels} value={level} onChange={setLevel} elder={elder} />
      </View>
      <View className="footer-bar">
        {error ? (
          <Text
            className="status-line status-line--error"
            data-testid="submit-status"
            {...ariaLive}
          >
            {error}
          </Text>
        ) : null}
        <Button
          className={`btn btn--primary ${sending ? 'btn--disabled' : ''}`}
          data-testid="submit"
          {...a11y(sending ? '提交中' : '提交追评', { disabled: sending })}
          onClick={() => send(form)}
        >
          {sending ? '提交中…' : '提交追评'}
        </Button>
      </View>
    </View>,
    true,
  );
}
