CREATE TYPE "public"."consent_kind" AS ENUM('joint_session', 'information_sharing', 'partner_participation', 'confidentiality_acknowledgement');--> statement-breakpoint
ALTER TYPE "public"."lobby_state" ADD VALUE 'stepped_out';--> statement-breakpoint
CREATE TABLE "consent_covers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consent_record_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"category" text,
	"permitted" boolean NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consent_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" "consent_kind" NOT NULL,
	"template_id" uuid NOT NULL,
	"template_version" integer NOT NULL,
	"body_hash" text NOT NULL,
	"given_by_participant_id" uuid,
	"recorded_by_clinician_id" uuid,
	"statement" text,
	"decision" text NOT NULL,
	"signature" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consent_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decision" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consent_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "consent_kind" NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"body_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "data_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"description" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_covers" ADD CONSTRAINT "consent_covers_consent_record_id_consent_records_id_fk" FOREIGN KEY ("consent_record_id") REFERENCES "public"."consent_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_covers" ADD CONSTRAINT "consent_covers_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_covers" ADD CONSTRAINT "consent_covers_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_covers" ADD CONSTRAINT "consent_covers_category_data_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."data_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_template_id_consent_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."consent_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_given_by_participant_id_participants_id_fk" FOREIGN KEY ("given_by_participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_recorded_by_clinician_id_clinicians_id_fk" FOREIGN KEY ("recorded_by_clinician_id") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_requested_by_clinicians_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_templates" ADD CONSTRAINT "consent_templates_created_by_clinicians_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_covers_session_participant" ON "consent_covers" USING btree ("session_id","participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_covers_one_active" ON "consent_covers" USING btree ("session_id","participant_id",coalesce("category", '')) WHERE "consent_covers"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "consent_records_session" ON "consent_records" USING btree ("session_id","kind");--> statement-breakpoint
CREATE INDEX "consent_records_patient" ON "consent_records" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_requests_one_open" ON "consent_requests" USING btree ("participant_id") WHERE "consent_requests"."decided_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "consent_templates_kind_version" ON "consent_templates" USING btree ("kind","version");