-- Default reason codes for corrections; admins add, rename or deactivate them afterwards.
INSERT INTO "reason_codes" ("code", "labels", "sort_order") VALUES
  ('ai_false_positive', '{"en": "AI false positive", "fr": "Faux positif de l''IA", "de": "Falsch positives KI-Ergebnis", "es": "Falso positivo de la IA"}', 10),
  ('ai_false_negative', '{"en": "AI false negative", "fr": "Faux négatif de l''IA", "de": "Falsch negatives KI-Ergebnis", "es": "Falso negativo de la IA"}', 20),
  ('photo_shows_compliance', '{"en": "Photo shows compliance", "fr": "La photo montre la conformité", "de": "Foto belegt die Konformität", "es": "La foto muestra la conformidad"}', 30),
  ('photo_shows_non_compliance', '{"en": "Photo shows non-compliance", "fr": "La photo montre une non-conformité", "de": "Foto zeigt eine Abweichung", "es": "La foto muestra un incumplimiento"}', 40),
  ('wrong_photo_type', '{"en": "Wrong photo type", "fr": "Mauvais type de photo", "de": "Falscher Fototyp", "es": "Tipo de foto incorrecto"}', 50),
  ('value_misread', '{"en": "Value misread", "fr": "Valeur mal lue", "de": "Wert falsch erkannt", "es": "Valor mal leído"}', 60),
  ('other', '{"en": "Other", "fr": "Autre", "de": "Sonstiges", "es": "Otro"}', 100)
ON CONFLICT ("code") DO NOTHING;
