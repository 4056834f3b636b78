import Button from '../Button';
import { a11y } from '../../utils/a11y';
import { goHome } from '../../utils/nav';

/** 返回首页, in the look of the buttons around it. */
export default function HomeButton({ variant = 'plain' }: { variant?: 'plain' | 'ghost' }) {
  return (
    <Button className={`btn btn--${variant}`} {...a11y('返回首页')} onClick={goHome}>
      返回首页
    </Button>
  );
}
