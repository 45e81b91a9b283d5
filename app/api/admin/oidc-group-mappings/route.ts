import { listOidcGroupMappings, setOidcGroupMapping } from '@/lib/server/dal/user-groups';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/admin/oidc-group-mappings (admin) → `{ mappings }`. */
  GET: handler(async (route) => ({ mappings: await route.run(listOidcGroupMappings) })),
  /** PUT /api/admin/oidc-group-mappings (admin) `{claimValue, userGroupIds}`; [] removes the value. */
  PUT: handler((route) => route.run(setOidcGroupMapping), { maxBodyBytes: 16 * 1024 }),
});
