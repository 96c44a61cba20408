-- Patient registrations await the confirmation of their e-mail (ADR 0033). Until then the account holds its e-mail
-- and CPF but may not log in; NULL means confirmed (every account created before this version, doctors and staff).
-- The time is when an unconfirmed registration expires and releases its login names.
ALTER TABLE account ADD COLUMN unconfirmed_until TIMESTAMPTZ;
