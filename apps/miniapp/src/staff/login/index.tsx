import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import Button from '../../components/Button';
import TextField from '../../components/TextField';
import { ROUTES } from '../../constants';
import { staffLogin } from '../../services/staff-api';
import { saveStaffSession } from '../../services/staff-session';
import { errorMessage } from '../../services/request';
import { a11y, ariaLive } from '../../utils/a11y';
import { routeParam } from '../../utils/nav';
import './index.scss';

/** 工作人员登录: the staff session, apart from any citizen's, then back to where they were. */
export default function StaffLoginPage() {
  const { params } = useRouter();
  const redirect = routeParam(params, 'redirect');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');

  const usernameError = touched && !username.trim() ? '请输入用户名' : '';
  const passwordError = touched && !password ? '请输入密码' : '';

  const submit = () => {
    if (sending) return;
    setTouched(true);
    if (!username.trim() || !password) return;
    setSending(true);
    setError('');
    staffLogin(username.trim(), password).then(
      (answer) => {
        saveStaffSession({
          token: answer.accessToken,
          user: answer.user,
          expiresAt: Date.now() + answer.expiresIn * 1000,
        });
        // Back to the staff page the person was on, else the workspace home.
        const back = redirect.startsWith('/staff/') ? redirect : ROUTES.staffHome;
        void Taro.reLaunch({ url: back });
      },
      (e: unknown) => {
        setSending(false);
        setPassword('');
        // 用户名或密码错误 / 登录失败次数过多 / 该账号已停用 … from the error code.
        setError(errorMessage(e));
      },
    );
  };

  return (
    <View className="staff-login" data-testid="staff-login">
      <View className="staff-login__card">
        <Text className="staff-login__title">好差评 · 工作人员登录</Text>
        <TextField
          label="用户名"
          a11yName="用户名"
          value={username}
          onChange={setUsername}
          maxLength={64}
          required
          error={usernameError}
          testId="username"
        />
        <TextField
          label="密码"
          a11yName="密码"
          value={password}
          onChange={setPassword}
          onConfirm={submit}
          maxLength={128}
          password
          required
          error={passwordError}
          testId="password"
        />
        {error ? (
          <Text className="staff-login__error" data-testid="login-error" {...ariaLive}>
            {error}
          </Text>
        ) : null}
        <Button
          className={`btn btn--primary ${sending ? 'btn--disabled' : ''}`}
          data-testid="login"
          {...a11y('登录', { disabled: sending })}
          onClick={submit}
        >
          {sending ? '正在登录…' : '登录'}
        </Button>
      </View>
    </View>
  );
}
