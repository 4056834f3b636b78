export default definePageConfig({
  navigationBarTitleText: '组织机构',
});
