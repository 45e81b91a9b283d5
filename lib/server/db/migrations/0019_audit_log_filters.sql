CREATE INDEX "audit_log_at_seq_idx" ON "audit_log" USING btree ("at","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_idx" ON "audit_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_log_action_at_idx" ON "audit_log" USING btree ("action","at","seq");--> statement-breakpoint
CREATE INDEX "audit_log_outcome_at_idx" ON "audit_log" USING btree ("outcome","at","seq");--> statement-breakpoint
CREATE INDEX "audit_log_actor_email_at_idx" ON "audit_log" USING btree (lower("actor_email"),"at","seq");