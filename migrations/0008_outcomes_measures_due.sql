DROP INDEX "responses_participant_instrument";--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "due_on" date;--> statement-breakpoint
CREATE UNIQUE INDEX "responses_patient_instrument_due" ON "responses" USING btree ("patient_id","respondent_role","instrument_key","due_on") WHERE "responses"."due_on" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "responses_participant_instrument" ON "responses" USING btree ("participant_id","instrument_key") WHERE "responses"."due_on" is null;