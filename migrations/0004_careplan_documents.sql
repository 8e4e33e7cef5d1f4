CREATE TABLE "careplan_documents" (
	"patient_id" uuid NOT NULL,
	"part" text NOT NULL,
	"state" "bytea" NOT NULL,
	"projection" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "careplan_documents_patient_id_part_pk" PRIMARY KEY("patient_id","part")
);
--> statement-breakpoint
CREATE TABLE "careplan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"session_id" uuid,
	"plan" jsonb NOT NULL,
	"present" jsonb NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	"saved_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "careplan_documents" ADD CONSTRAINT "careplan_documents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "careplan_versions" ADD CONSTRAINT "careplan_versions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "careplan_versions" ADD CONSTRAINT "careplan_versions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "careplan_versions_number" ON "careplan_versions" USING btree ("patient_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "careplan_versions_one_per_session" ON "careplan_versions" USING btree ("session_id") WHERE "careplan_versions"."session_id" is not null;--> statement-breakpoint
CREATE INDEX "careplan_versions_patient" ON "careplan_versions" USING btree ("patient_id");--> statement-breakpoint
-- A saved plan version is a record of what was agreed: the app may add versions, never change one. The only
-- update allowed is the foreign key's own "set null" when a session is deleted.
CREATE FUNCTION careplan_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.session_id IS NULL
     AND (NEW.id, NEW.patient_id, NEW.number, NEW.plan, NEW.present, NEW.saved_at, NEW.saved_by)
         IS NOT DISTINCT FROM (OLD.id, OLD.patient_id, OLD.number, OLD.plan, OLD.present, OLD.saved_at, OLD.saved_by)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'careplan_versions rows cannot be changed';
END $$;
--> statement-breakpoint
CREATE TRIGGER careplan_versions_no_update BEFORE UPDATE ON careplan_versions
  FOR EACH ROW EXECUTE FUNCTION careplan_versions_refuse_change();
