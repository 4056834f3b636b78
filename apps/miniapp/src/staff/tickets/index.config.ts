export default definePageConfig({
  navigationBarTitleText: '整改工单',
});
