-- 0003: the second factor (issue 3 item 5): TOTP (RFC 6238) state that
-- 0002's account.totp_secret and account.recovery_codes do not hold.
--
-- totp_pending is a secret being enrolled (base32), shown to its owner
-- as a QR code but not yet confirmed with a code from the app, so it does
-- not count as a second factor; totp_pending_at is when it was made (an
-- old one is refused).  totp_last_step is the last 30-second step whose
-- code was accepted: a code is never accepted twice (RFC 6238 section
-- 5.2).  totp_failed counts wrong second-factor codes apart from
-- failed_count, because a right password resets failed_count and would
-- otherwise give a guesser a fresh allowance of codes at every log-in.
ALTER TABLE account ADD COLUMN totp_pending TEXT NOT NULL DEFAULT '';
ALTER TABLE account ADD COLUMN totp_pending_at INTEGER;
ALTER TABLE account ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN totp_failed INTEGER NOT NULL DEFAULT 0;
