-- A refunded purchase stops counting for the paid tier (docs/identity.md). The row is written by whichever of the
-- purchase and its refund arrives first (events may come in any order) and the refund mark is never taken back.
ALTER TABLE paid_access ADD COLUMN refunded_at TIMESTAMP WITH TIME ZONE;
