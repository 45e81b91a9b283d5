/**
 * Which simulator profile an integration test talks to (`SIMULATOR_PROFILE`, set by the
 * integration setup): `documented` answers only what the API's documents name.
 */
export function simulatorProfile(): 'full' | 'documented' {
  return process.env.SIMULATOR_PROFILE === 'documented' ? 'documented' : 'full';
}

export const onDocumentedProfile = () => simulatorProfile() === 'documented';
