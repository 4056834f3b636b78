export default definePageConfig({
  navigationBarTitleText: '评价器',
  navigationStyle: 'custom',
});
