-- 003_roles.sql: one database role per daemon with only the grants it needs.
-- Roles are cluster-wide, so they are created only if missing. Daemons connect
-- with user=subsidy_<service> (trust on 127.0.0.1 in the throwaway cluster;
-- passwords or certificates in production).
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['subsidy_intake', 'subsidy_validation', 'subsidy_payment',
                             'subsidy_notification'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', r);
        END IF;
    END LOOP;
END $$;

GRANT SELECT, INSERT ON inbox TO subsidy_intake, subsidy_validation, subsidy_payment, subsidy_notification;
GRANT SELECT, INSERT, UPDATE ON outbox TO subsidy_intake, subsidy_validation, subsidy_payment, subsidy_notification;
GRANT USAGE ON SEQUENCE outbox_id_seq, application_event_id_seq
    TO subsidy_intake, subsidy_validation, subsidy_payment, subsidy_notification;
GRANT SELECT, INSERT ON application_event TO subsidy_intake, subsidy_validation, subsidy_payment;
GRANT SELECT ON program TO subsidy_intake, subsidy_validation, subsidy_payment, subsidy_notification;

GRANT SELECT, INSERT, UPDATE ON application TO subsidy_intake;
GRANT SELECT, INSERT ON submission, attachment TO subsidy_intake;
GRANT USAGE ON SEQUENCE receipt_seq TO subsidy_intake;

GRANT SELECT, UPDATE ON application TO subsidy_validation;
GRANT SELECT, INSERT ON decision TO subsidy_validation;
GRANT USAGE ON SEQUENCE decision_id_seq TO subsidy_validation;
GRANT SELECT ON office_registry, tax_standing, crime_check, payment TO subsidy_validation;

GRANT SELECT, UPDATE ON application TO subsidy_payment;
GRANT SELECT, INSERT, UPDATE ON payment, payment_attempt, transfer_batch TO subsidy_payment;
GRANT USAGE ON SEQUENCE transfer_batch_batch_id_seq TO subsidy_payment;

GRANT SELECT ON application, decision, payment, payment_attempt TO subsidy_notification;
GRANT SELECT, INSERT ON notice TO subsidy_notification;
