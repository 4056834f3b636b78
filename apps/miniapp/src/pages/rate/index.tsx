import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { isBadLevel, RATING_LIMITS, type Channel } from '@haochaping/domain';
import Button from '../../components/Button';
import LevelPicker from '../../components/LevelPicker';
import LoadState, { type LoadTexts } from '../../components/LoadState';
import PageFrame from '../../components/PageFrame';
import { PhotoCard, usePhotoUploads } from '../../components/PhotoPicker';
import TagChips from '../../components/TagChips';
import TextField from '../../components/TextField';
import TransactionCard from '../../components/TransactionCard';
import { IS_WEAPP, ROUTES } from '../../constants';
import { useElderMode } from '../../hooks/useElderMode';
import { remoteFailure, useRemote } from '../../hooks/useRemote';
import { getRatingForm, type RatingForm } from '../../services/api';
import {
  pendingRating,
  ratingResult,
  rememberedAnswer,
  resumePendingRating,
  submitRatingReliably,
  watchPendingRating,
  type QueuedAnswer,
  type RatingResult,
  type SubmitProgress,
} from '../../services/rating-queue';
import { ApiError, errorMessage } from '../../services/request';
import { a11y, ariaLive, revealField } from '../../utils/a11y';
import { openPage, replacePage, routeParam } from '../../utils/nav';
import { parseRatingToken } from '../../utils/token';
import ContactCard from './ContactCard';
import RatedView from './RatedView';
import SubmitBar from './SubmitBar';
import { useRatingDraft } from './useRatingDraft';
import './index.scss';

/** What a submission turned the page into: rated after all, or a link that no longer works. */
type Outcome =
  | { kind: 'rated'; form: RatingForm; mine: RatingResult | null }
  | { kind: 'invalid' }
  | { kind: 'expired' };

const CHANNEL: Channel = IS_WEAPP ? 'miniapp' : 'window_qr';

/** The channel of this visit: `&channel=sms` marks the link of an SMS invitation. */
function channelOf(params: Partial<Record<string, string>>): Channel {
  return routeParam(params, 'channel') === 'sms' ? 'sms' : CHANNEL;
}

const LOAD_TEXTS: LoadTexts = {
  invalid: '未能识别这个评价二维码。请确认扫描的是办事窗口提供的评价二维码，或请工作人员重新出示。',
  expiredTitle: '评价已过期',
  expired: '该办件已超过评价期限，无法再评价。如有意见或建议，可拨打 12345 政务服务热线反映。',
  errorTitle: '暂时无法打开评价',
  hotline: true,
};

export default function RatePage() {
  const router = useRouter();
  // ?token=… from the QR link; ?q=<encoded link> when WeChat opens the mini-program by a scan.
  const token = useMemo(
    () => routeParam(router.params, 'token') || parseRatingToken(router.params.q) || '',
    [router.params],
  );
  const channel = useMemo(() => channelOf(router.params), [router.params]);
  const [elder, setElder] = useElderMode();
  const [remote, reload] = useRemote(token || null, getRatingForm);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const draft = useRatingDraft();
  const [showMore, setShowMore] = useState(false);
  const [progress, setProgress] = useState<SubmitProgress | null>(null);
  const [submitError, setSubmitError] = useState('');
  const photos = usePhotoUploads();
  const submitting =
    progress !== null && (progress.phase === 'submitting' || progress.phase === 'retrying');

  const goResult = useCallback(
    (answer: QueuedAnswer, anonymous: boolean) => {
      replacePage(ROUTES.result, {
        token,
        ratingId: answer.id,
        level: answer.level,
        ticketNo: answer.ticketNo,
        anonymous: anonymous ? 1 : 0,
        ...(answer.photosDropped ? { photosDropped: 1 } : {}),
      });
    },
    [token],
  );

  const handleSubmitError = useCallback(
    (error: unknown, form: RatingForm) => {
      setProgress(null);
      if (error instanceof ApiError) {
        // This device's own rating got through meanwhile (a resend from the queue): it is done.
        const known = error.code === 'ALREADY_RATED' ? rememberedAnswer(token) : null;
        if (known) {
          goResult(known.answer, known.anonymous);
          return;
        }
        if (error.code === 'ALREADY_RATED') {
          setOutcome({ kind: 'rated', form: { ...form, rated: true }, mine: ratingResult(token) });
          // Reload for ratingId / follow-up window.
          getRatingForm(token).then(
            (fresh) => setOutcome({ kind: 'rated', form: fresh, mine: ratingResult(token) }),
            () => undefined,
          );
          return;
        }
        if (error.code === 'TOKEN_EXPIRED' || error.code === 'NOT_FOUND') {
          setOutcome(remoteFailure(error) as Outcome);
          return;
        }
        if (error.code === 'VALIDATION_FAILED' && error.hasFieldError('contactPhone')) {
          draft.refusePhone('请填写正确的11位手机号码，或选择匿名评价');
          revealField('phone', '.field--invalid');
          return;
        }
        if (error.transient) {
          // Stays queued (storage) and is retried on the next launch / when the network is back.
          setProgress({ phase: 'queued', attempt: 0 });
          return;
        }
      }
      setSubmitError(errorMessage(error));
    },
    [token, draft, goResult],
  );

  // A submission from an earlier visit that never got its answer: resend it with the same
  // Idempotency-Key (the API answers with the first result, never a second rating).
  const form = remote.kind === 'ready' ? remote.data : null;
  const pending = useMemo(() => (form ? pendingRating(token) : null), [form, token]);
  useEffect(() => {
    if (!form || !pending) return;
    draft.restore(pending.body);
    setProgress({ phase: 'submitting', attempt: 1 });
    resumePendingRating(token, { onProgress: setProgress })?.then(
      (answer) => goResult(answer, !!pending.body.anonymous),
      (error: unknown) => handleSubmitError(error, form),
    );
    // Once per loaded form: the draft and handlers change with every keystroke.
  }, [form, pending]);

  // Left on 「已保存在本机」: the queue resends on its own (network back, page shown, timer);
  // when it gets through, this page moves on to the result.
  const queued = progress?.phase === 'queued';
  useEffect(() => {
    if (!queued || !form) return;
    return watchPendingRating(token, (outcome) => {
      if (outcome.kind === 'sent') goResult(outcome.answer, outcome.anonymous);
      else handleSubmitError(outcome.error, form);
    });
  }, [queued, form, token, goResult, handleSubmitError]);

  const submit = (loaded: RatingForm) => {
    if (submitting) return;
    setSubmitError('');
    const entered = draft.validate();
    if (!entered) {
      // The first wrong field, in view and focused (the level, else the phone number).
      if (draft.level === null) revealField('level-picker', '.level-picker');
      else revealField('phone', '.field--invalid');
      return;
    }
    if (photos.busy) {
      setSubmitError('照片还在上传，请稍候再提交');
      return;
    }
    const body = {
      ...entered,
      token,
      channel,
      ...(photos.ids.length ? { attachmentIds: photos.ids, attachmentKeys: photos.keys } : {}),
    };
    setProgress({ phase: 'submitting', attempt: 1 });
    submitRatingReliably(body, { onProgress: setProgress }).then(
      (answer) => goResult(answer, !!body.anonymous),
      (error: unknown) => handleSubmitError(error, loaded),
    );
  };

  // 立即重试: the stored submission (same Idempotency-Key), or its result if a resend got it.
  const retry = (loaded: RatingForm) => {
    const known = rememberedAnswer(token);
    if (known) {
      goResult(known.answer, known.anonymous);
      return;
    }
    const anonymous = !!pendingRating(token)?.body.anonymous;
    const resumed = resumePendingRating(token, { onProgress: setProgress });
    if (!resumed) {
      setProgress(null);
      submit(loaded);
      return;
    }
    resumed.then(
      (answer) => goResult(answer, anonymous),
      (error: unknown) => handleSubmitError(error, loaded),
    );
  };

  const root = (children: ReactNode, footer = false) => (
    <PageFrame
      title="服务评价"
      testId="rate-page"
      elder={elder}
      onElderChange={setElder}
      footer={footer}
      className="rate"
      topClassName="rate__top"
      titleClassName="rate__heading"
    >
      {children}
    </PageFrame>
  );

  const failed = outcome && outcome.kind !== 'rated' ? outcome : null;
  if (remote.kind !== 'ready' || failed) {
    const state = failed ?? (remote.kind === 'ready' ? null : remote);
    return root(state ? <LoadState state={state} texts={LOAD_TEXTS} onRetry={reload} /> : null);
  }
  const loaded = remote.data;
  const rated =
    outcome?.kind === 'rated'
      ? outcome
      : loaded.rated && !pending
        ? { form: loaded, mine: ratingResult(token) }
        : null;
  if (rated) return root(<RatedView token={token} form={rated.form} mine={rated.mine} />);

  const levelOptions = loaded.options.levels.find((l) => l.level === draft.level);
  const optionalOpen = !elder || showMore;

  return root(
    <View>
      <TransactionCard transaction={loaded.transaction} />

      <View className="card">
        <Text className="card__title">
          您对本次服务满意吗？
          <Text className="card__hint">点选一项</Text>
        </Text>
        <LevelPicker
          levels={loaded.options.levels}
          value={draft.level}
          onChange={(next) => {
            draft.chooseLevel(next);
            setSubmitError('');
          }}
          elder={elder}
        />
        {draft.levelError ? (
          <Text className="field__error rate__level-error" data-testid="level-error" {...ariaLive}>
            {draft.levelError}
          </Text>
        ) : null}
      </View>

      {draft.level !== null && isBadLevel(draft.level) ? <ContactCard draft={draft} /> : null}

      {elder && !showMore ? (
        <Button
          className="btn btn--plain rate__more"
          data-testid="more-toggle"
          {...a11y('更多（选填）：标签、意见、照片')}
          onClick={() => setShowMore(true)}
        >
          更多（选填）：标签、意见、照片
        </Button>
      ) : null}

      {optionalOpen && levelOptions && levelOptions.tags.length > 0 ? (
        <View className="card">
          <Text className="card__title">
            选择标签
            <Text className="card__hint">选填，可多选</Text>
          </Text>
          <TagChips tags={levelOptions.tags} selected={draft.tags} onChange={draft.setTags} />
        </View>
      ) : null}

      {optionalOpen ? (
        <View className="card">
          <TextField
            label="意见建议"
            value={draft.comment}
            onChange={draft.setComment}
            multiline
            maxLength={RATING_LIMITS.commentMax}
            placeholder="说说您的办事感受（选填）"
            testId="comment"
          />
        </View>
      ) : null}

      {optionalOpen ? <PhotoCard uploads={photos} /> : null}

      <Button
        className="link-button"
        data-testid="complaint-entry"
        {...a11y('有问题要反映？我要投诉', { role: 'link' })}
        onClick={() => openPage(ROUTES.complaint, { token })}
      >
        有问题要反映？我要投诉
      </Button>

      <SubmitBar
        progress={progress}
        error={submitError}
        busy={photos.busy}
        onSubmit={() => submit(loaded)}
        onRetry={() => retry(loaded)}
      />
    </View>,
    true,
  );
}
