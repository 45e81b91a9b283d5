import { describe, expect, it } from 'vitest';
import { EVERY_WORK_ORDER, groupsForNewWorkOrder, inScope, parseScope, scopeOf, type WorkOrderScope } from './work-order-scope';

const teamA = scopeOf({ role: 'supervisor', allWorkOrders: false, userGroupIds: ['team-a', 'team-a', 'north'], unassignedWorkOrders: false });

describe('scopeOf', () => {
  it('gives admins every work order, whatever their settings say', () => {
    expect(scopeOf({ role: 'admin', allWorkOrders: false, userGroupIds: [], unassignedWorkOrders: false })).toEqual(EVERY_WORK_ORDER);
  });

  it('gives "all work orders" to a viewer or supervisor granted it', () => {
    expect(scopeOf({ role: 'viewer', allWorkOrders: true, userGroupIds: ['x'], unassignedWorkOrders: false })).toEqual(EVERY_WORK_ORDER);
  });

  it('otherwise restricts to the user groups, once each, sorted', () => {
    expect(teamA).toEqual({ all: false, groups: ['north', 'team-a'], unassigned: false });
  });
});

describe('inScope', () => {
  it('lets a work order in when one of its groups is the user’s', () => {
    expect(inScope(teamA, ['team-b', 'north'])).toBe(true);
    expect(inScope(teamA, ['team-b'])).toBe(false);
  });

  it('lets a work order with no group in only for users granted unassigned work orders', () => {
    expect(inScope(teamA, [])).toBe(false);
    expect(inScope(teamA, null)).toBe(false);
    const withUnassigned: WorkOrderScope = { all: false, groups: ['north', 'team-a'], unassigned: true };
    expect(inScope(withUnassigned, [])).toBe(true);
    expect(inScope(withUnassigned, ['team-b'])).toBe(false);
  });

  it('lets everything in for every work order, and nothing for a user with no group', () => {
    expect(inScope(EVERY_WORK_ORDER, ['anything'])).toBe(true);
    expect(inScope(EVERY_WORK_ORDER, [])).toBe(true);
    expect(inScope({ all: false, groups: [], unassigned: false }, ['team-a'])).toBe(false);
  });
});

describe('parseScope', () => {
  it('reads back a scope, and turns anything malformed into the narrowest scope', () => {
    expect(parseScope({ all: true })).toEqual(EVERY_WORK_ORDER);
    expect(parseScope({ all: false, groups: ['a', 3], unassigned: true })).toEqual({ all: false, groups: ['a'], unassigned: true });
    expect(parseScope(undefined)).toEqual({ all: false, groups: [], unassigned: false });
    expect(parseScope({ all: 'true' })).toEqual({ all: false, groups: [], unassigned: false });
  });
});

describe('groupsForNewWorkOrder', () => {
  it('keeps what an unrestricted user asks for', () => {
    expect(groupsForNewWorkOrder(EVERY_WORK_ORDER, undefined)).toBeUndefined();
    expect(groupsForNewWorkOrder(EVERY_WORK_ORDER, ['z'])).toEqual(['z']);
  });

  it('puts a scoped user’s work order in their first group when none is asked, and refuses another team’s', () => {
    expect(groupsForNewWorkOrder(teamA, undefined)).toEqual(['north']);
    expect(groupsForNewWorkOrder(teamA, [])).toEqual(['north']);
    expect(groupsForNewWorkOrder(teamA, ['team-a'])).toEqual(['team-a']);
    expect(groupsForNewWorkOrder(teamA, ['team-a', 'team-b'])).toBeNull();
  });

  it('lets a user with no group but unassigned work orders create an unassigned one, and refuses one with neither', () => {
    expect(groupsForNewWorkOrder({ all: false, groups: [], unassigned: true }, undefined)).toBeUndefined();
    expect(groupsForNewWorkOrder({ all: false, groups: [], unassigned: false }, undefined)).toBeNull();
  });
});
