export default definePageConfig({
  navigationBarTitleText: '追加评价',
});
