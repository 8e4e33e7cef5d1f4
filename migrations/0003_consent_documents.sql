-- The categories of information consent is scoped by, and the first version of each consent document.
-- Categories are data: a clinic can add one with an INSERT, without a release.
INSERT INTO data_categories (code, label, description, position) VALUES
  ('mental_health_history', 'Mental-health history', 'Past and current mental-health concerns, diagnoses and treatment.', 1),
  ('sexual_health_history', 'Sexual-health history', 'Sexual function, concerns and relationships, and your answers to sexual-health questions.', 2),
  ('medications', 'Medications', 'Medicines you take, changes to them, and side effects.', 3),
  ('lab_results', 'Lab results', 'Blood tests and other results, such as hormone levels.', 4),
  ('psychotherapy_notes', 'Psychotherapy notes', 'Notes your therapist keeps about your sessions.', 5);
--> statement-breakpoint
INSERT INTO consent_templates (kind, version, title, body, body_hash)
SELECT kind::consent_kind, 1, title, body, encode(sha256(convert_to(body, 'UTF8')), 'hex') FROM (VALUES
  ('joint_session', 'Joint video session with your care team',
   E'You are about to join a video session with several members of your care team at the same time.\n\n'
   'Who is present: the people listed on this page, by name and role. You choose, for each of them, whether they may join.\n'
   'What is shared: for each person, you choose which kinds of information from your record may be discussed with them.\n'
   'Nothing is recorded: no video, audio or chat from this session is recorded or stored.\n'
   'You stay in control: you can withdraw your consent for one person, for one kind of information, or completely, at any time during the session. Withdrawing does not affect the rest of your care.\n'
   'Privacy: please join from a place where you feel comfortable talking. Your care team joins from private spaces.'),
  ('information_sharing', 'Sharing your information within your care team',
   E'Your care team works best when the people treating you can share what they know.\n\n'
   'For each person named, you choose which kinds of information may be shared with them: mental-health history, sexual-health history, medications, lab results, psychotherapy notes.\n'
   'Nothing is shared beyond the people named. You can withdraw this consent at any time, and doing so does not affect the rest of your care.'),
  ('partner_participation', 'Taking part as a partner or support person',
   E'You have been invited to join a video session as a partner or support person.\n\n'
   'The patient decides which kinds of information are discussed while you are present, and can ask you to leave at any time.\n'
   'Please keep what you hear private. Nothing from this session is recorded.'),
  ('confidentiality_acknowledgement', 'Confidentiality for clinicians joining a case',
   E'You are joining a case as a clinician outside the patient''s care team.\n\n'
   'You will see only what the patient has agreed to share with you, for this session only.\n'
   'You will keep everything you learn confidential, use it only for this patient''s care, and not record the session.')
) AS t(kind, title, body);
