/**
 * The Deepomatic accounts of the simulated site. Only these e-mails are accepted as
 * `field_engineer_email`; only these ids as `user_group_ids`. Constant across seeds so
 * tests and docs can name them.
 */

export interface Technician {
  email: string;
  /** Null when the account has no display name: the API then serves the e-mail as name. */
  name: string | null;
  userGroupIds: string[];
}

export interface UserGroup {
  id: string;
  name: string;
}

export const USER_GROUPS: UserGroup[] = [
  { id: '3c1f6a2e-8b4d-4e0a-9f1c-2d3e4f5a6b01', name: 'Équipe Nord' },
  { id: '3c1f6a2e-8b4d-4e0a-9f1c-2d3e4f5a6b02', name: 'Équipe Sud' },
  { id: '3c1f6a2e-8b4d-4e0a-9f1c-2d3e4f5a6b03', name: 'Sous-traitant Fibre Ouest' },
  { id: '3c1f6a2e-8b4d-4e0a-9f1c-2d3e4f5a6b04', name: 'Maintenance Énergie' },
];

const [NORD, SUD, OUEST, ENERGIE] = USER_GROUPS.map((g) => g.id);

export const TECHNICIANS: Technician[] = [
  { email: 'camille.martin@fieldco.example', name: 'Camille Martin', userGroupIds: [NORD] },
  { email: 'lucas.bernard@fieldco.example', name: 'Lucas Bernard', userGroupIds: [NORD] },
  { email: 'ines.dubois@fieldco.example', name: 'Inès Dubois', userGroupIds: [NORD, ENERGIE] },
  { email: 'jonas.weber@fieldco.example', name: 'Jonas Weber', userGroupIds: [SUD] },
  { email: 'lucia.garcia@fieldco.example', name: 'Lucía García', userGroupIds: [SUD] },
  { email: 'mehdi.haddad@fieldco.example', name: 'Mehdi Haddad', userGroupIds: [SUD, ENERGIE] },
  { email: 'sophie.laurent@fieldco.example', name: 'Sophie Laurent', userGroupIds: [OUEST] },
  { email: 'thomas.petit@fieldco.example', name: 'Thomas Petit', userGroupIds: [OUEST] },
  { email: 'chloe.moreau@fieldco.example', name: 'Chloé Moreau', userGroupIds: [ENERGIE] },
  { email: 'hugo.lefevre@fieldco.example', name: 'Hugo Lefèvre', userGroupIds: [ENERGIE] },
  { email: 'ana.souza@subcontractor.example', name: 'Ana Souza', userGroupIds: [OUEST] },
  { email: 'tech.ouest.07@subcontractor.example', name: null, userGroupIds: [OUEST] },
  // The sample's technicians (fixture import keeps their names as given).
  { email: 'technician1@example.com', name: null, userGroupIds: [] },
  { email: 'technician2@example.com', name: 'Simon Bordeyne', userGroupIds: [] },
  { email: 'technician3@example.com', name: 'Kémy Cassin', userGroupIds: [] },
];

/** The account behind every API key: the actor of API-made changes in the timeline. */
export const API_USER_EMAIL = 'integration@fieldco.example';

/** The back-office reviewers who corrected seeded work orders. */
export const SUPERVISORS = ['nadia.roux@fieldco.example', 'paul.girard@fieldco.example'];

export function technicianByEmail(email: string): Technician | undefined {
  const lower = email.toLowerCase();
  return TECHNICIANS.find((t) => t.email === lower);
}
