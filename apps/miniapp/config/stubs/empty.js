// Empty on purpose: a polyfill every browser the H5 build targets does without.
