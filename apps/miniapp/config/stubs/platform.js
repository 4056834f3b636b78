// platform.js (14 KB) answers Taro's getDeviceInfo/getSystemInfo on H5, which this app never
// asks; chooseMedia only reads whether the system is iOS. This tells that from the user agent.
const ua = globalThis.navigator ? globalThis.navigator.userAgent : '';
const family = /iPhone|iPad|iPod/.test(ua) ? 'iOS' : /Android/.test(ua) ? 'Android' : 'unknown';
export default { os: { family, toString: () => family } };
