export default defineAppConfig({
  // Every citizen page is in the main package: a scan must open the rate page at once.
  pages: [
    'pages/index/index',
    'pages/rate/index',
    'pages/result/index',
    'pages/follow-up/index',
    'pages/complaint/index',
    'pages/mine/index',
  ],
  // The staff workspace loads only when a staff member opens it.
  subPackages: [
    {
      root: 'staff',
      pages: [
        'login/index',
        'home/index',
        'tickets/index',
        'ticket/index',
        'register/index',
        'review/index',
        'recent/index',
        'kiosk/index',
        'dashboard/index',
        'ratings/index',
        'org/index',
        'users/index',
        'keys/index',
        'settings/index',
        'calendar/index',
        'audit/index',
        'notices/index',
        'outbox/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c7000b',
    navigationBarTitleText: '好差评',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
});
