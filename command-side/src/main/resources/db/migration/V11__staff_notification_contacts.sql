-- Staff password reset by e-mail (ADR 0029). The notifications processor now keeps the sealed name and e-mail of ADMIN
-- and AUDITOR accounts in notification_contact, as it does for patients and doctors; on a store where it has already
-- passed their registrations, this copies them from the stored events once. The values stay sealed (copied as
-- stored), and a row the processor wrote first is left as it is.
INSERT INTO notification_contact (person_id, name, email, time_zone)
SELECT CAST(registered.payload ->> 'staffId' AS UUID), registered.payload ->> 'name', registered.payload ->> 'email', NULL
  FROM (SELECT CAST(convert_from(payload, 'UTF8') AS JSONB) AS payload
          FROM domain_event_entry
         WHERE payload_type IN ('healthmed.staff.StaffMemberRegistered',
                                'br.com.healthmed.api.staff.StaffMemberRegisteredEvent')) AS registered
 WHERE registered.payload ->> 'staffId' IS NOT NULL
   AND registered.payload ->> 'name' IS NOT NULL
   AND registered.payload ->> 'email' IS NOT NULL
ON CONFLICT (person_id) DO NOTHING;
