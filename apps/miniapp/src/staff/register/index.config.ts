export default definePageConfig({
  navigationBarTitleText: '登记办件',
});
