import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import { useRouter } from '@tarojs/taro';
import { isBadLevel, RATING_LIMITS, type Channel, type RatingLevel } from '@haochaping/domain';
import HomeButton from '../../components/HomeButton';
import PageFrame from '../../components/PageFrame';
import LevelPicker from '../../components/LevelPicker';
import { PhotoCard, usePhotoUploads } from '../../components/PhotoPicker';
import StateView from '../../components/StateView';
import TagChips from '../../components/TagChips';
import TextField from '../../components/TextField';
import TransactionCard from '../../components/TransactionCard';
import { IS_WEAPP, ROUTES } from '../../constants';
import { useElderMode } from '../../hooks/useElderMode';
import {
  getRatingForm,
  type RatingAnswer,
  type RatingForm,
  type SubmitRatingBody,
} from '../../services/api';
import {
  pendingRating,
  ratingResult,
  resumePendingRating,
  submitRatingReliably,
  type RatingResult,
  type SubmitProgress,
} from '../../services/rating-queue';
import { ApiError, errorMessage } from '../../services/request';
import { a11y, ariaLive } from '../../utils/a11y';
import { openPage, replacePage, routeParam } from '../../utils/nav';
import { parseRatingToken } from '../../utils/token';
import { normalizePhone, phoneError } from '../../utils/validate';
import './index.scss';

type Screen =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'error'; message: string }
  | { kind: 'rated'; form: RatingForm; mine: RatingResult | null }
  | { kind: 'form'; form: RatingForm };

const CHANNEL: Channel = IS_WEAPP ? 'miniapp' : 'window_qr';

const PROGRESS_TEXT: Record<SubmitProgress['phase'], string> = {
  submitting: '提交中…',
  retrying: '网络不佳，正在重试…',
  queued: '网络不佳，评价已保存在本机，联网后将自动提交',
  done: '已提交',
};

function canFollowUp(form: RatingForm): boolean {
  return (
    !!form.ratingId &&
    !form.followedUp &&
    !!form.followUpUntil &&
    new Date(form.followUpUntil).getTime() > Date.now()
  );
}

function screenForError(error: unknown): Screen {
  if (error instanceof ApiError) {
    if (error.code === 'NOT_FOUND') return { kind: 'invalid' };
    if (error.code === 'TOKEN_EXPIRED') return { kind: 'expired' };
  }
  return { kind: 'error', message: errorMessage(error) };
}

export default function RatePage() {
  const router = useRouter();
  // ?token=… from the QR link; ?q=<encoded link> when WeChat opens the mini-program by a scan.
  const token = useMemo(
    () => routeParam(router.params, 'token') || parseRatingToken(router.params.q) || '',
    [router.params],
  );
  const [elder, setElder] = useElderMode();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [levelError, setLevelError] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [phone, setPhone] = useState('');
  const [phoneTouched, setPhoneTouched] = useState(false);
  const [phoneServerError, setPhoneServerError] = useState('');
  const [showMore, setShowMore] = useState(false);
  const [progress, setProgress] = useState<SubmitProgress | null>(null);
  const [submitError, setSubmitError] = useState('');
  const photos = usePhotoUploads();

  const needsPhone = level !== null && isBadLevel(level) && !anonymous;
  const phoneMessage = needsPhone
    ? phoneServerError || (phoneTouched ? phoneError(phone, true) : '')
    : '';
  const submitting =
    progress !== null && (progress.phase === 'submitting' || progress.phase === 'retrying');

  const goResult = useCallback(
    (answer: RatingAnswer, anon: boolean) => {
      replacePage(ROUTES.result, {
        token,
        ratingId: answer.id,
        level: answer.level,
        ticketNo: answer.ticketNo,
        anonymous: anon ? 1 : 0,
      });
    },
    [token],
  );

  const handleSubmitError = useCallback(
    (error: unknown, form: RatingForm) => {
      if (error instanceof ApiError) {
        if (error.code === 'ALREADY_RATED') {
          setProgress(null);
          setScreen({ kind: 'rated', form: { ...form, rated: true }, mine: ratingResult(token) });
          // Reload for ratingId / follow-up window.
          getRatingForm(token).then(
            (fresh) => setScreen({ kind: 'rated', form: fresh, mine: ratingResult(token) }),
            () => undefined,
          );
          return;
        }
        if (error.code === 'TOKEN_EXPIRED' || error.code === 'NOT_FOUND') {
          setProgress(null);
          setScreen(screenForError(error));
          return;
        }
        if (error.code === 'VALIDATION_FAILED' && error.hasFieldError('contactPhone')) {
          setProgress(null);
          setPhoneTouched(true);
          setPhoneServerError('请填写正确的11位手机号码，或选择匿名评价');
          return;
        }
        if (error.transient) {
          // Stays queued (storage) and is retried on the next launch / when the network is back.
          setProgress({ phase: 'queued', attempt: 0 });
          return;
        }
      }
      setProgress(null);
      setSubmitError(errorMessage(error));
    },
    [token],
  );

  const load = useCallback(() => {
    if (!token) {
      setScreen({ kind: 'invalid' });
      return;
    }
    setScreen({ kind: 'loading' });
    getRatingForm(token).then(
      (form) => {
        const pending = pendingRating(token);
        if (pending) {
          // A submission from an earlier visit never got its answer: resend it with the same
          // Idempotency-Key (the API answers with the first result, never a second rating).
          setScreen({ kind: 'form', form });
          setLevel(pending.body.level as RatingLevel);
          setTags(pending.body.tags ?? []);
          setComment(pending.body.comment ?? '');
          setAnonymous(!!pending.body.anonymous);
          setPhone(pending.body.contactPhone ?? '');
          setProgress({ phase: 'submitting', attempt: 1 });
          const resumed = resumePendingRating(token, { onProgress: setProgress });
          resumed?.then(
            (answer) => goResult(answer, !!pending.body.anonymous),
            (error: unknown) => handleSubmitError(error, form),
          );
          return;
        }
        setScreen(
          form.rated ? { kind: 'rated', form, mine: ratingResult(token) } : { kind: 'form', form },
        );
      },
      (error: unknown) => setScreen(screenForError(error)),
    );
  }, [token, goResult, handleSubmitError]);

  useEffect(() => load(), [load]);

  const chooseLevel = (next: RatingLevel) => {
    if (next !== level) setTags([]); // tags belong to one level
    setLevel(next);
    setLevelError('');
    setSubmitError('');
    setPhoneServerError('');
  };

  const submit = (form: RatingForm) => {
    if (submitting) return;
    setSubmitError('');
    if (level === null) {
      setLevelError('请先选择一个评价等级');
      return;
    }
    if (needsPhone && phoneError(phone, true)) {
      setPhoneTouched(true);
      return;
    }
    if (photos.busy) {
      setSubmitError('照片还在上传，请稍候再提交');
      return;
    }
    const body: SubmitRatingBody = { token, level, anonymous, channel: CHANNEL };
    if (tags.length) body.tags = tags;
    if (comment.trim()) body.comment = comment.trim();
    if (needsPhone) body.contactPhone = phone;
    if (photos.ids.length) body.attachmentIds = photos.ids;
    setProgress({ phase: 'submitting', attempt: 1 });
    submitRatingReliably(body, { onProgress: setProgress }).then(
      (answer) => goResult(answer, anonymous),
      (error: unknown) => handleSubmitError(error, form),
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

  if (screen.kind === 'loading') {
    return root(
      <View className="rate__loading" data-testid="rate-loading" {...ariaLive}>
        <Text className="muted">正在加载…</Text>
      </View>,
    );
  }

  if (screen.kind === 'invalid') {
    return root(
      <StateView
        tone="error"
        title="二维码无效"
        message="未能识别这个评价二维码。请确认扫描的是办事窗口提供的评价二维码，或请工作人员重新出示。"
        testId="state-invalid"
      >
        <HomeButton variant="ghost" />
      </StateView>,
    );
  }

  if (screen.kind === 'expired') {
    return root(
      <StateView
        tone="warning"
        title="评价已过期"
        message="该办件已超过评价期限，无法再评价。如有意见或建议，可拨打 12345 政务服务热线反映。"
        testId="state-expired"
      >
        <HomeButton variant="ghost" />
      </StateView>,
    );
  }

  if (screen.kind === 'error') {
    return root(
      <StateView tone="info" title="暂时无法打开评价" message={screen.message} testId="state-error">
        <Button className="btn btn--primary" onClick={load} {...a11y('重新加载')}>
          重新加载
        </Button>
      </StateView>,
    );
  }

  if (screen.kind === 'rated') {
    const { form, mine } = screen;
    const followUp = canFollowUp(form);
    return root(
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
          {followUp ? (
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
      </View>,
    );
  }

  const { form } = screen;
  const levelOptions = form.options.levels.find((l) => l.level === level);
  const optionalOpen = !elder || showMore;
  const statusText = progress ? PROGRESS_TEXT[progress.phase] : submitError;
  const statusTone = progress ? progress.phase : submitError ? 'error' : '';

  return root(
    <View>
      <TransactionCard transaction={form.transaction} />

      <View className="card">
        <Text className="card__title">
          您对本次服务满意吗？
          <Text className="card__hint">点选一项</Text>
        </Text>
        <LevelPicker
          levels={form.options.levels}
          value={level}
          onChange={chooseLevel}
          elder={elder}
        />
        {levelError ? (
          <Text className="field__error rate__level-error" data-testid="level-error" {...ariaLive}>
            {levelError}
          </Text>
        ) : null}
      </View>

      {level !== null && isBadLevel(level) ? (
        <View className="card" data-testid="contact-card">
          <View className="row-switch">
            <View className="row-switch__text">
              <Text className="card__title rate__anon-title">匿名评价</Text>
              <Text className="muted">
                {anonymous
                  ? '匿名后工作人员无法回访您'
                  : '留下手机号，工作人员会回访并反馈整改结果'}
              </Text>
            </View>
            <Button
              className={`toggle ${anonymous ? 'toggle--on' : ''}`}
              data-testid="anonymous-switch"
              {...a11y('匿名评价', { role: 'switch', checked: anonymous })}
              onClick={() => {
                setAnonymous(!anonymous);
                setPhoneServerError('');
              }}
            >
              <View className="toggle__knob" />
            </Button>
          </View>
          {needsPhone ? (
            <View className="rate__phone">
              <TextField
                label="手机号码（用于回访）"
                value={phone}
                onChange={(v) => {
                  setPhone(normalizePhone(v));
                  setPhoneServerError('');
                }}
                onBlur={() => setPhoneTouched(true)}
                maxLength={11}
                numeric
                required
                placeholder="请输入11位手机号码"
                error={phoneMessage}
                testId="phone"
              />
            </View>
          ) : null}
        </View>
      ) : null}

      {elder && !showMore ? (
        <Button
          className="btn btn--plain rate__more"
          data-testid="more-toggle"
          {...a11y('更多（选填）：标签、文字意见、照片')}
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
          <TagChips tags={levelOptions.tags} selected={tags} onChange={setTags} />
        </View>
      ) : null}

      {optionalOpen ? (
        <View className="card">
          <TextField
            label="意见建议"
            value={comment}
            onChange={setComment}
            multiline
            maxLength={RATING_LIMITS.commentMax}
            placeholder="说说您的办事感受（选填）"
            testId="comment"
          />
        </View>
      ) : null}

      {optionalOpen ? <PhotoCard uploads={photos} /> : null}

      <Text
        className="link"
        data-testid="complaint-entry"
        {...a11y('我要投诉', { role: 'link' })}
        onClick={() => openPage(ROUTES.complaint, { token })}
      >
        有问题要反映？我要投诉
      </Text>

      <View className="footer-bar">
        {statusText ? (
          <Text
            className={`status-line status-line--${statusTone}`}
            data-testid="submit-status"
            {...ariaLive}
          >
            {statusText}
          </Text>
        ) : null}
        {progress?.phase === 'queued' ? (
          <Button
            className="btn btn--ghost"
            data-testid="retry-submit"
            {...a11y('立即重试提交')}
            onClick={() => {
              setProgress(null);
              submit(form);
            }}
          >
            立即重试
          </Button>
        ) : (
          <Button
            className={`btn btn--primary ${submitting || photos.busy ? 'btn--disabled' : ''}`}
            data-testid="submit"
            {...a11y(submitting ? '提交中' : '提交评价', { disabled: submitting })}
            onClick={() => submit(form)}
          >
            {submitting ? '提交中…' : '提交评价'}
          </Button>
        )}
      </View>
    </View>,
    true,
  );
}
