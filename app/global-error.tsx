'use client';

import de from '@/messages/de/common.json';
import en from '@/messages/en/common.json';
import es from '@/messages/es/common.json';
import fr from '@/messages/fr/common.json';

const CATALOGUE = { en, fr, de, es };

/**
 * Last resort when the root layout itself fails: no theme, no emotion, no next-intl — plain
 * HTML with inline style attributes (allowed by the CSP's style-src-attr), in the language
 * the document was served in.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const lang = typeof document !== 'undefined' ? document.documentElement.lang : 'en';
  const common = CATALOGUE[lang as keyof typeof CATALOGUE] ?? en;
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  return (
    <html lang={lang || 'en'}>
      <body style={{ margin: 0, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', background: '#F6F7F9', color: '#111827' }}>
        <main style={{ maxWidth: 520, margin: '15vh auto', padding: '0 24px', textAlign: 'center' }}>
          <h1 style={{ fontSize: 22, margin: '0 0 8px' }}>{common.errorPage.title}</h1>
          <p style={{ fontSize: 14, lineHeight: 1.5, color: '#4B5563' }}>{common.errorPage.description}</p>
          {digest ? (
            <p style={{ fontSize: 13, fontFamily: 'monospace', color: '#4B5563' }}>{common.errorPage.reference.replace('{digest}', digest)}</p>
          ) : null}
          <button
            type="button"
            onClick={() => retry()}
            style={{
              marginTop: 16,
              padding: '8px 16px',
              border: 0,
              borderRadius: 6,
              background: '#4338CA',
              color: '#FFFFFF',
              fontSize: 14,
              fontWeight: 600,
              cursor: 'pointer',
            }}
          >
            {common.actions.retry}
          </button>
        </main>
      </body>
    </html>
  );
}
