import { useEffect, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import { useRouter } from '@tarojs/taro';
import { RATING_LIMITS } from '@haochaping/domain';
import HomeButton from '../../components/HomeButton';
import PageFrame from '../../components/PageFrame';
import { PhotoCard, usePhotoUploads } from '../../components/PhotoPicker';
import StateView from '../../components/StateView';
import TextField from '../../components/TextField';
import SubscribeButton from '../../components/SubscribeButton';
import TicketNo from '../../components/TicketNo';
import TicketProgress from '../../components/TicketProgress';
import TransactionCard from '../../components/TransactionCard';
import { FIRST_CONTACT_WORKING_DAYS, TICKET_DUE_WORKING_DAYS } from '../../constants';
import { useElderMode } from '../../hooks/useElderMode';
import LoadState, { type LoadTexts } from '../../components/LoadState';
import { useRemote } from '../../hooks/useRemote';
import {
  getRatingForm,
  getRatingProgress,
  submitComplaint,
  type TicketProgress as ProgressView,
} from '../../services/api';
import { ApiError, errorMessage } from '../../services/request';
import { a11y, ariaLive, revealField } from '../../utils/a11y';
import { routeParam } from '../../utils/nav';
import { normalizePhone, phoneError } from '../../utils/validate';
import './index.scss';

/** What happened after the form: filed, refused as a second complaint, or the period ended. */
type Outcome =
  | { kind: 'done'; ticketNo: string; withPhone: boolean }
  | { kind: 'already' }
  | { kind: 'expired' };

const LOAD_TEXTS: LoadTexts = {
  invalid: '未能识别这个评价二维码，请向办事窗口工作人员重新索取。',
  expiredTitle: '已超过期限',
  expired: '该办件已超过在线反映的期限。如有意见，可拨打 12345 政务服务热线反映。',
  errorTitle: '暂时无法打开',
  hotline: true,
};

const MIN = 5;
const MAX = RATING_LIMITS.complaintMax;

/** The complaint's ticket as its citizen follows it, by the token (认可 / 不认可 included). */
function ComplaintProgress({ token }: { token: string }) {
  const [remote] = useRemote(token, getRatingProgress);
  const [ticket, setTicket] = useState<ProgressView | null>(null);
  useEffect(() => {
    if (remote.kind === 'ready') setTicket(remote.data.complaintTicket);
  }, [remote]);
  return ticket ? (
    <TicketProgress token={token} ticket={ticket} title="投诉处理进度" onChange={setTicket} />
  ) : null;
}

/** 投诉 about one transaction: content, optional phone and photos; opens a ticket. */
export default function ComplaintPage() {
  const { params } = useRouter();
  const token = routeParam(params, 'token');
  const [elder, setElder] = useElderMode();
  const [remote, reload] = useRemote(token || null, getRatingForm);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [content, setContent] = useState('');
  const [contentTouched, setContentTouched] = useState(false);
  const [phone, setPhone] = useState('');
  const [phoneTouched, setPhoneTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');
  const [showPhotos, setShowPhotos] = useState(false);
  const photos = usePhotoUploads();

  const contentLength = content.trim().length;
  const contentError =
    contentTouched && contentLength < MIN ? `请至少写${MIN}个字，说明遇到的问题` : '';
  const phoneMessage = phoneTouched ? phoneError(phone, false) : '';

  const send = () => {
    if (sending) return;
    setContentTouched(true);
    setPhoneTouched(true);
    if (contentLength < MIN) {
      revealField('complaint-content', '.field--invalid');
      return;
    }
    if (phoneError(phone, false)) {
      revealField('phone', '.field--invalid');
      return;
    }
    if (photos.busy) {
      setError('照片还在上传，请稍候再提交');
      return;
    }
    setSending(true);
    setError('');
    submitComplaint({
      token,
      content: content.trim(),
      ...(phone ? { contactPhone: phone } : {}),
      ...(photos.ids.length ? { attachmentIds: photos.ids, attachmentKeys: photos.keys } : {}),
    }).then(
      (res) => setOutcome({ kind: 'done', ticketNo: res.ticketNo, withPhone: !!phone }),
      (e: unknown) => {
        setSending(false);
        if (e instanceof ApiError && e.code === 'TOKEN_EXPIRED') setOutcome({ kind: 'expired' });
        // One complaint per transaction: a second one is refused, the first is being handled.
        else if (e instanceof ApiError && e.code === 'ALREADY_COMPLAINED')
          setOutcome({ kind: 'already' });
        else setError(errorMessage(e));
      },
    );
  };

  const root = (children: ReactNode, footer = false) => (
    <PageFrame
      title="我要投诉"
      testId="complaint-page"
      elder={elder}
      onElderChange={setElder}
      footer={footer}
    >
      {children}
    </PageFrame>
  );
  const home = <HomeButton />;

  if (remote.kind !== 'ready') {
    return root(<LoadState state={remote} texts={LOAD_TEXTS} onRetry={reload} />);
  }
  const form = remote.data;
  const screen = outcome ?? (form.complained ? { kind: 'already' as const } : null);
  if (screen?.kind === 'expired') {
    return root(<LoadState state={screen} texts={LOAD_TEXTS} onRetry={reload} />);
  }
  if (screen?.kind === 'already') {
    return root(
      <View>
        <StateView
          tone="info"
          title="已投诉过"
          message="该办件已投诉过，每个办件只能投诉一次，请勿重复提交。处理进度见下方。"
          testId="state-already-complained"
        >
          {home}
        </StateView>
        <ComplaintProgress token={token} />
      </View>,
    );
  }
  if (screen?.kind === 'done') {
    return root(
      <StateView
        tone="success"
        title="投诉已提交"
        message={
          screen.withPhone
            ? `我们将在 ${FIRST_CONTACT_WORKING_DAYS} 个工作日内与您联系，${TICKET_DUE_WORKING_DAYS} 个工作日内办结。`
            : `相关部门将在 ${TICKET_DUE_WORKING_DAYS} 个工作日内核实处理。`
        }
        testId="state-complaint-done"
      >
        <View className="complaint__ticket">
          <TicketNo ticketNo={screen.ticketNo} label="投诉工单号" testId="complaint-ticket-no" />
          <Text className="muted complaint__keep">请保存工单号，再次打开本链接可查看处理进度</Text>
        </View>
        <SubscribeButton token={token} />
        {home}
      </StateView>,
    );
  }

  return root(
    <View>
      <TransactionCard transaction={form.transaction} />
      <View className="card">
        <TextField
          label="投诉内容"
          value={content}
          onChange={setContent}
          onBlur={() => setContentTouched(true)}
          multiline
          maxLength={MAX}
          required
          placeholder={`请说明遇到的问题（至少${MIN}个字）`}
          error={contentError}
          testId="complaint-content"
        />
      </View>
      <View className="card">
        <TextField
          label="手机号码"
          value={phone}
          onChange={(v) => setPhone(normalizePhone(v))}
          onBlur={() => setPhoneTouched(true)}
          maxLength={11}
          tel
          placeholder="留下号码，方便工作人员联系您（选填）"
          error={phoneMessage}
          testId="phone"
        />
      </View>
      {elder && !showPhotos ? (
        <Button
          className="btn btn--plain complaint__more"
          data-testid="more-toggle"
          {...a11y('添加照片（选填）')}
          onClick={() => setShowPhotos(true)}
        >
          添加照片（选填）
        </Button>
      ) : null}
      {!elder || showPhotos ? <PhotoCard uploads={photos} /> : null}
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
          {...a11y(sending ? '提交中' : '提交投诉', { disabled: sending })}
          onClick={send}
        >
          {sending ? '提交中…' : '提交投诉'}
        </Button>
      </View>
    </View>,
    true,
  );
}
