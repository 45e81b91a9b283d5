'use client';

import { createContext, useContext, type ReactNode } from 'react';

const CspNonceContext = createContext<string | undefined>(undefined);

export function CspNonceProvider({ nonce, children }: { nonce?: string; children: ReactNode }) {
  return <CspNonceContext.Provider value={nonce}>{children}</CspNonceContext.Provider>;
}

/**
 * The request's CSP nonce, for a client component that must insert its own `<style>` or
 * `<script>` (MUI and the data grid already get it through the theme and the emotion cache).
 */
export function useCspNonce(): string | undefined {
  return useContext(CspNonceContext);
}
