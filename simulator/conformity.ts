/**
 * Data-conformity checks (blur, brightness, duplicate) and their localised messages
 * (`Accept-Language`: en, fr, de, es; English otherwise).
 *
 * The checks are deterministic functions of the input bytes so tests can pick inputs
 * that trigger each of them (see `conformityFromDigest`).
 */
import type { ConformityFinding } from './model';

export type Language = 'en' | 'fr' | 'de' | 'es';
export const LANGUAGES: Language[] = ['en', 'fr', 'de', 'es'];

/** Picks the best supported language from an `Accept-Language` header (q-values honoured). */
export function negotiateLanguage(header: string | undefined): Language {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, position) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { primary: tag.trim().toLowerCase().split('-')[0], quality: Number.isFinite(quality) ? quality : 0, position };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.position - b.position);
  for (const entry of ranked) if ((LANGUAGES as string[]).includes(entry.primary)) return entry.primary as Language;
  return 'en';
}

type Catalogue = Record<Language, { name: string; message: string }>;

const MESSAGES: Record<string, Catalogue> = {
  blur: {
    en: { name: 'Blur detection', message: 'The photo is blurry. Please take it again, holding the phone steady.' },
    fr: { name: 'Détection de flou', message: 'La photo est floue. Veuillez la reprendre en tenant le téléphone immobile.' },
    de: { name: 'Unschärfeerkennung', message: 'Das Foto ist unscharf. Bitte nehmen Sie es erneut auf und halten Sie das Telefon ruhig.' },
    es: { name: 'Detección de desenfoque', message: 'La foto está borrosa. Vuelva a tomarla sujetando el teléfono sin moverlo.' },
  },
  'brightness:dark': {
    en: { name: 'Brightness check', message: 'The photo is too dark. Please take it again with more light.' },
    fr: { name: 'Contrôle de luminosité', message: 'La photo est trop sombre. Veuillez la reprendre avec plus de lumière.' },
    de: { name: 'Helligkeitsprüfung', message: 'Das Foto ist zu dunkel. Bitte nehmen Sie es mit mehr Licht erneut auf.' },
    es: { name: 'Control de brillo', message: 'La foto está demasiado oscura. Vuelva a tomarla con más luz.' },
  },
  'brightness:bright': {
    en: { name: 'Brightness check', message: 'The photo is overexposed. Avoid direct sunlight or the flash.' },
    fr: { name: 'Contrôle de luminosité', message: 'La photo est surexposée. Évitez le soleil direct ou le flash.' },
    de: { name: 'Helligkeitsprüfung', message: 'Das Foto ist überbelichtet. Vermeiden Sie direktes Sonnenlicht oder den Blitz.' },
    es: { name: 'Control de brillo', message: 'La foto está sobreexpuesta. Evite la luz solar directa o el flash.' },
  },
  'duplicate:same': {
    en: { name: 'Duplicate detection', message: 'This photo was already sent for this work order.' },
    fr: { name: 'Détection de doublon', message: 'Cette photo a déjà été envoyée pour ce bon de travail.' },
    de: { name: 'Duplikaterkennung', message: 'Dieses Foto wurde für diesen Arbeitsauftrag bereits gesendet.' },
    es: { name: 'Detección de duplicados', message: 'Esta foto ya se envió para esta orden de trabajo.' },
  },
  'duplicate:other': {
    en: { name: 'Duplicate detection', message: 'This photo was already sent for another work order.' },
    fr: { name: 'Détection de doublon', message: 'Cette photo a déjà été envoyée pour un autre bon de travail.' },
    de: { name: 'Duplikaterkennung', message: 'Dieses Foto wurde bereits für einen anderen Arbeitsauftrag gesendet.' },
    es: { name: 'Detección de duplicados', message: 'Esta foto ya se envió para otra orden de trabajo.' },
  },
};

export interface ConformityMessage {
  code: string;
  name: string;
  level: 'warning' | 'error';
  message: string;
}

export function localiseFinding(finding: ConformityFinding, language: Language): ConformityMessage {
  const key = finding.variant ? `${finding.code}:${finding.variant}` : finding.code;
  const text = (MESSAGES[key] ?? MESSAGES[finding.code] ?? MESSAGES.blur)[language];
  return { code: finding.code, name: text.name, level: finding.level, message: text.message };
}

/**
 * Image checks from the SHA-256 digest of the input bytes:
 * - blur error when `digest[0] < 16` (1 input in 16);
 * - brightness error "dark" when `digest[1] < 8`, warning "bright" when `8 <= digest[1] < 32`.
 * Duplicates are checked separately (they depend on what was sent before).
 */
export function conformityFromDigest(digest: Uint8Array): ConformityFinding[] {
  const findings: ConformityFinding[] = [];
  if (digest[0] < 16) findings.push({ code: 'blur', level: 'error' });
  if (digest[1] < 8) findings.push({ code: 'brightness', level: 'error', variant: 'dark' });
  else if (digest[1] < 32) findings.push({ code: 'brightness', level: 'warning', variant: 'bright' });
  return findings;
}
