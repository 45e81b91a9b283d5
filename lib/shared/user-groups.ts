/** A user group of the Deepomatic site as the admin page shows it. */
export interface UserGroupDto {
  id: string;
  /** The name an admin gave it; null = shown by its id. */
  name: string | null;
  /** Indexed work orders carrying it. */
  workOrders: number;
}

/** How a user group reads on screen: its name, else its id. */
export function userGroupLabel(id: string, groups: ReadonlyArray<Pick<UserGroupDto, 'id' | 'name'>>): string {
  return groups.find((group) => group.id === id)?.name ?? id;
}
