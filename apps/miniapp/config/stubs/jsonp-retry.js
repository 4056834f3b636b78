// Taro.request's JSONP mode, which this app never uses: refused instead of shipped (5 KB).
export default function jsonpRetry() {
  return Promise.reject(new Error('JSONP is not supported in this app'));
}
