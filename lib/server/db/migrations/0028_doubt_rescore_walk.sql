-- A weight change no longer marks every index row stale in the admin's request: it restarts a
-- rescoring walk in id order, which the background refresh resumes from here.
ALTER TABLE "doubt_settings" ADD COLUMN "rescore_after" text;
