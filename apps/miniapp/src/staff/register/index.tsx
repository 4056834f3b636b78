import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import LoadState from '../../components/LoadState';
import StaffFrame from '../../components/StaffFrame';
import TextField from '../../components/TextField';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import { useStaffSession } from '../../hooks/useStaffSession';
import {
  registerTransaction,
  serviceItemsOf,
  staffOf,
  transactionQr,
  windowInfo,
  type Registered,
} from '../../services/staff-api';
import { errorMessage } from '../../services/request';
import { a11y, ariaLive, imageA11y } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';
import { staffLoadTexts } from '../labels';
import './index.scss';

const LOAD_TEXTS = staffLoadTexts('暂时无法打开登记', '该账号未绑定窗口，请联系系统管理员。');

/** What the window's pickers offer: its own staff first, the department's items. */
async function loadChoices(windowId: number) {
  const window = await windowInfo(windowId);
  const [items, staff] = await Promise.all([
    serviceItemsOf(window.departmentId),
    staffOf(window.departmentId),
  ]);
  const mine = staff.items.filter((s) => s.windowId === window.id);
  return { window, items: items.items, staff: mine.length ? mine : staff.items };
}

/** 登记办件: a finished transaction typed in at the window, then its rating QR code, large. */
export default function StaffRegisterPage() {
  const session = useStaffSession(ROUTES.staffRegister);
  const windowId = session?.user.windowId ?? null;
  const [choices, reload] = useRemote(windowId ? String(windowId) : null, () =>
    loadChoices(windowId ?? 0),
  );
  const [transactionNo, setTransactionNo] = useState('');
  const [itemCode, setItemCode] = useState('');
  const [staffNo, setStaffNo] = useState('');
  const [applicantType, setApplicantType] = useState('person');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<{ registered: Registered; qr: string } | null>(null);
  if (!session) return null;

  const frame = (children: JSX.Element) => (
    <StaffFrame title="登记办件" testId="staff-register" user={session.user}>
      {children}
    </StaffFrame>
  );
  if (choices.kind !== 'ready') {
    return frame(<LoadState state={choices} texts={LOAD_TEXTS} onRetry={reload} />);
  }
  const { window, items, staff } = choices.data;

  const submit = () => {
    if (busy) return;
    setTouched(true);
    if (!transactionNo.trim() || !itemCode || !staffNo) return;
    setBusy(true);
    setError('');
    registerTransaction({
      transactionNo: transactionNo.trim(),
      serviceItemCode: itemCode,
      windowCode: window.code,
      staffNo,
      applicantType: applicantType === 'legal_entity' ? 'legal_entity' : 'person',
      finishedAt: new Date().toISOString(),
    })
      .then(async (registered) => ({ registered, qr: await transactionQr(registered.id) }))
      .then(
        (result) => {
          setBusy(false);
          setDone(result);
        },
        (e: unknown) => {
          setBusy(false);
          setError(errorMessage(e));
        },
      );
  };

  if (done) {
    return frame(
      <View className="staff-card register-qr" data-testid="register-done">
        <Text className="staff-card__title">{`请群众扫码评价：${done.registered.transactionNo}`}</Text>
        <Image
          className="register-qr__image"
          src={done.qr}
          data-testid="rating-qr"
          {...imageA11y(`办件 ${done.registered.transactionNo} 的评价二维码`)}
        />
        <Text className="register-qr__url" data-testid="rating-url">
          {done.registered.ratingUrl}
        </Text>
        <Text className="ticket-line">{`评价有效期至 ${formatDateTime(done.registered.expiresAt)}`}</Text>
        <Button
          className="btn btn--primary register__again"
          data-testid="register-next"
          {...a11y('登记下一件')}
          onClick={() => {
            setDone(null);
            setTransactionNo('');
            setTouched(false);
          }}
        >
          登记下一件
        </Button>
      </View>,
    );
  }

  const choice = (
    label: string,
    options: { value: string; text: string }[],
    value: string,
    set: (v: string) => void,
    testId: string,
  ) => (
    <View className="register__group" data-testid={testId}>
      <Text className="field__label">{label}</Text>
      <View className="ticket-choices" {...a11y(label, { role: 'radiogroup' })}>
        {options.map((o) => (
          <Button
            key={o.value}
            className={`staff-tab ${value === o.value ? 'staff-tab--on' : ''}`}
            {...a11y(o.text, { role: 'radio', checked: value === o.value })}
            onClick={() => set(o.value)}
          >
            {o.text}
          </Button>
        ))}
      </View>
      {touched && !value ? (
        <Text className="field__error" {...ariaLive}>{`请选择${label}`}</Text>
      ) : null}
    </View>
  );

  return frame(
    <View className="staff-card">
      <Text className="ticket-line">{`窗口：${window.name}（${window.code}）`}</Text>
      <TextField
        label="办件编号"
        a11yName="办件编号"
        value={transactionNo}
        onChange={setTransactionNo}
        maxLength={64}
        required
        placeholder="业务系统中的办件编号"
        error={touched && !transactionNo.trim() ? '请填写办件编号' : ''}
        testId="transaction-no"
      />
      {choice(
        '办理事项',
        items.map((i) => ({ value: i.code, text: i.name })),
        itemCode,
        setItemCode,
        'pick-item',
      )}
      {choice(
        '经办人员',
        staff.map((s) => ({ value: s.staffNo, text: `${s.name}（${s.staffNo}）` })),
        staffNo,
        setStaffNo,
        'pick-staff',
      )}
      {choice(
        '申请人类型',
        [
          { value: 'person', text: '个人' },
          { value: 'legal_entity', text: '法人' },
        ],
        applicantType,
        setApplicantType,
        'pick-applicant',
      )}
      {error ? (
        <Text className="ticket-notice" data-testid="register-error" {...ariaLive}>
          {error}
        </Text>
      ) : null}
      <Button
        className={`btn btn--primary register__submit ${busy ? 'btn--disabled' : ''}`}
        data-testid="register-submit"
        {...a11y('生成评价码', { disabled: busy })}
        onClick={submit}
      >
        {busy ? '提交中…' : '生成评价码'}
      </Button>
    </View>,
  );
}
