// The background's limits are the core's own (crates/core/src/worker.rs, Limits::SHIPPED):
// the packages change none of them. Only the test flavour (tests/e2e/flavour.mjs) replaces
// this file, to watch expiry and clipboard clearing in seconds.
export const LIMITS = null;
