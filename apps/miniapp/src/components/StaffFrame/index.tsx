import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@haochaping/domain';
import Button from '../Button';
import { endStaffSession, goStaffLogin, type StaffUser } from '../../services/staff-session';
import { a11y } from '../../utils/a11y';
import './index.scss';

/**
 * Every staff screen: the title, who is signed in and in which role, and 退出登录. Not the
 * citizen's frame: no 长辈模式 switch, and a layout that uses a desktop screen.
 */
export default function StaffFrame(props: {
  title: string;
  testId: string;
  user: StaffUser;
  children: ReactNode;
}) {
  return (
    <View className="staff" data-testid={props.testId}>
      <View className="staff__bar">
        <Text className="staff__brand">好差评 · 工作台</Text>
        <View className="staff__who">
          <Text className="staff__user" data-testid="staff-user">
            {`${props.user.username}（${ROLE_LABELS[props.user.role]}）`}
          </Text>
          <Button
            className="staff__logout"
            data-testid="logout"
            {...a11y('退出登录')}
            onClick={() => {
              endStaffSession();
              goStaffLogin();
            }}
          >
            退出登录
          </Button>
        </View>
      </View>
      <View className="staff__main">
        <Text className="staff__title">{props.title}</Text>
        {props.children}
      </View>
    </View>
  );
}
