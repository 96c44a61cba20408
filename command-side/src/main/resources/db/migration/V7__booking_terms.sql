-- What a booking needs from its doctor (ADR 0018): verified or not, and the consultation price in force. Written by a
-- subscribing processor in the transaction of the doctor's own events, read by the booking with FOR SHARE, so a booking
-- neither loads nor locks the Doctor aggregate. A doctor registered before this table has no row: the booking then
-- asks the Doctor aggregate, as it always did.
CREATE TABLE booking_terms (
    doctor_id      UUID          NOT NULL PRIMARY KEY,
    verified       BOOLEAN       NOT NULL,
    price_amount   NUMERIC(12,2) NOT NULL,
    price_currency CHAR(3)       NOT NULL
);
