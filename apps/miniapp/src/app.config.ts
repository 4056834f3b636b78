export default defineAppConfig({
  pages: ['pages/index/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c7000b',
    navigationBarTitleText: '好差评',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
});
