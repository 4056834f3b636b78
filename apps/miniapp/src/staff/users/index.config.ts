export default definePageConfig({
  navigationBarTitleText: '系统用户',
});
