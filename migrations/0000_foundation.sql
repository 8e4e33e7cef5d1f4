CREATE TYPE "public"."account_role" AS ENUM('admin', 'clinician');--> statement-breakpoint
CREATE TYPE "public"."discipline" AS ENUM('primary_care', 'psychiatry', 'psychology', 'sex_therapy', 'pelvic_floor_physiotherapy', 'nursing', 'social_work', 'endocrinology', 'urology', 'gynaecology', 'care_navigation');--> statement-breakpoint
CREATE TYPE "public"."lobby_state" AS ENUM('waiting', 'admitted', 'denied', 'removed', 'left');--> statement-breakpoint
CREATE TYPE "public"."actor_kind" AS ENUM('clinician', 'participant', 'system', 'anonymous');--> statement-breakpoint
CREATE TYPE "public"."participant_role" AS ENUM('host', 'clinician', 'specialist', 'patient', 'partner', 'observer');--> statement-breakpoint
CREATE TYPE "public"."session_kind" AS ENUM('case_conference', 'joint_session');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('scheduled', 'live', 'ended', 'cancelled');--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"clinician_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "clinicians" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"discipline" "discipline" NOT NULL,
	"role" "account_role" DEFAULT 'clinician' NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clinics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "failed_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"ip" "inet",
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"admitted_by" uuid,
	"admitted_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"tokens_issued" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lobby_entries" (
	"participant_id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"state" "lobby_state" NOT NULL,
	"waiting_since" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"source" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"subject_kind" text,
	"subject_id" uuid,
	"patient_id" uuid,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_team_members" (
	"patient_id" uuid NOT NULL,
	"clinician_id" uuid NOT NULL,
	"is_care_navigator" boolean DEFAULT false NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_team_members_patient_id_clinician_id_pk" PRIMARY KEY("patient_id","clinician_id")
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"secret_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "participant_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"participant_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"role" "participant_role" NOT NULL,
	"clinician_id" uuid,
	"display_name" text NOT NULL,
	"discipline" "discipline",
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"kind" "session_kind" NOT NULL,
	"patient_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"status" "session_status" DEFAULT 'scheduled' NOT NULL,
	"room_name" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lobby_message" text,
	"ended_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_clinician_id_clinicians_id_fk" FOREIGN KEY ("clinician_id") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinicians" ADD CONSTRAINT "clinicians_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lobby_entries" ADD CONSTRAINT "lobby_entries_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lobby_entries" ADD CONSTRAINT "lobby_entries_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_clinician_id_clinicians_id_fk" FOREIGN KEY ("clinician_id") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_sessions" ADD CONSTRAINT "participant_sessions_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_clinician_id_clinicians_id_fk" FOREIGN KEY ("clinician_id") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_created_by_clinicians_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "auth_sessions_token_hash_unique" ON "auth_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "auth_sessions_clinician" ON "auth_sessions" USING btree ("clinician_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clinicians_email_unique" ON "clinicians" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "failed_attempts_key_at" ON "failed_attempts" USING btree ("kind","key","at");--> statement-breakpoint
CREATE INDEX "failed_attempts_ip_at" ON "failed_attempts" USING btree ("kind","ip","at");--> statement-breakpoint
CREATE UNIQUE INDEX "admissions_one_open_per_participant" ON "admissions" USING btree ("participant_id") WHERE "admissions"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "admissions_session" ON "admissions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "lobby_entries_session_state" ON "lobby_entries" USING btree ("session_id","state");--> statement-breakpoint
CREATE INDEX "attendance_events_session" ON "attendance_events" USING btree ("session_id","participant_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_patient" ON "audit_events" USING btree ("patient_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_subject" ON "audit_events" USING btree ("subject_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "care_team_one_navigator" ON "care_team_members" USING btree ("patient_id") WHERE "care_team_members"."is_care_navigator";--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_secret_hash_unique" ON "invitations" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "invitations_participant" ON "invitations" USING btree ("participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participant_sessions_token_hash_unique" ON "participant_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "participant_sessions_participant" ON "participant_sessions" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "participants_session" ON "participants" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "participants_clinician" ON "participants" USING btree ("clinician_id");--> statement-breakpoint
CREATE INDEX "sessions_patient" ON "sessions" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "sessions_starts_at" ON "sessions" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_room_name_unique" ON "sessions" USING btree ("room_name");