CREATE TYPE "public"."respondent_role" AS ENUM('patient', 'partner');--> statement-breakpoint
CREATE TYPE "public"."response_status" AS ENUM('open', 'submitted');--> statement-breakpoint
CREATE TABLE "instrument_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaire_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"secret_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"session_id" uuid,
	"participant_id" uuid NOT NULL,
	"respondent_role" "respondent_role" NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "response_status" DEFAULT 'open' NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"closing_note" text
);
--> statement-breakpoint
CREATE TABLE "scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"respondent_role" "respondent_role" NOT NULL,
	"instrument_key" text NOT NULL,
	"total" integer NOT NULL,
	"band" text,
	"positive_screen" boolean NOT NULL,
	"safety_alert" boolean NOT NULL,
	"previous_total" integer,
	"delta" integer,
	"meaningful" text,
	"is_response" boolean DEFAULT false NOT NULL,
	"remission" boolean DEFAULT false NOT NULL,
	"scored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_reviews" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"attendance_confirmed" boolean NOT NULL,
	"assessment" text NOT NULL,
	"decisions" text NOT NULL,
	"next_steps" text NOT NULL,
	"goal_ratings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"gas_t_score" double precision,
	"follow_up_on" date,
	"measures_due" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"plan_version" integer,
	"updated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instrument_definitions" ADD CONSTRAINT "instrument_definitions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_definitions" ADD CONSTRAINT "instrument_definitions_created_by_clinicians_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_links" ADD CONSTRAINT "questionnaire_links_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_closed_by_clinicians_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reviews" ADD CONSTRAINT "session_reviews_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reviews" ADD CONSTRAINT "session_reviews_updated_by_clinicians_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "instrument_definitions_key_version" ON "instrument_definitions" USING btree ("clinic_id","key","version");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_links_secret" ON "questionnaire_links" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "questionnaire_links_participant" ON "questionnaire_links" USING btree ("participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "responses_participant_instrument" ON "responses" USING btree ("participant_id","instrument_key");--> statement-breakpoint
CREATE INDEX "responses_patient" ON "responses" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "safety_alerts_patient" ON "safety_alerts" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scores_response" ON "scores" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "scores_patient_instrument" ON "scores" USING btree ("patient_id","instrument_key","scored_at");