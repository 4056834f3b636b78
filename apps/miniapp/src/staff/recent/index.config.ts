export default definePageConfig({
  navigationBarTitleText: '近期办件',
});
