import { describe, expect, it } from 'vitest';
import { computeCacheBustingSearchParam } from 'next/dist/shared/lib/router/utils/cache-busting-search-param';
import { backToListNavigation, firstPhotoOf, navigationRequest, photosOf, showsList, showsWorkOrder, taskVersionIn } from './navigation';

const ID = '0b5e7a52-8f0e-4b8e-9a51-3c0e2f4d6a11';
const TASK = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';
const OTHER = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('the requests that open a work order', () => {
  it('carries the hash Next.js checks for exactly the routing headers it sends', async () => {
    for (const kind of ['prefetch_tree', 'prefetch_loading', 'open'] as const) {
      const request = await navigationRequest(ID, kind);
      const expected = await computeCacheBustingSearchParam(
        request.headers['Next-Router-Prefetch'] as '1' | undefined,
        request.headers['Next-Router-Segment-Prefetch'],
        request.headers['Next-Router-State-Tree'],
        request.headers['Next-Url'],
      );
      expect(new URL(request.path, 'http://x').searchParams.get('_rsc')).toBe(expected);
      expect(request.path.startsWith(`/work-orders/${ID}?from=%2Fwork-orders&_rsc=`)).toBe(true);
    }
    expect((await navigationRequest(ID, 'open')).headers['Next-Url']).toBe('/work-orders');
    const back = await backToListNavigation(ID);
    expect(back.headers['Next-Url']).toBe(`/work-orders/${ID}`);
    expect(back.headers['Next-Router-Prefetch']).toBeUndefined();
    expect(back.path.startsWith('/work-orders?_rsc=')).toBe(true);
    expect(new URL(back.path, 'http://x').searchParams.get('_rsc')).toBe(
      await computeCacheBustingSearchParam(undefined, undefined, back.headers['Next-Router-State-Tree'], back.headers['Next-Url']),
    );
    expect(decodeURIComponent(back.headers['Next-Router-State-Tree'])).toBe(
      '["",{"children":["(signed-in)",{"children":["work-orders",{"children":["__PAGE__",{},null,"refetch",0]},null,null,4]},null,null,12]},null,null,24]',
    );
  });

  it('asks the navigation for the work order segment only, and prefetches without refetching the page', async () => {
    const tree = (request: { headers: Record<string, string> }) =>
      JSON.parse(decodeURIComponent(request.headers['Next-Router-State-Tree'])) as unknown;
    const open = await navigationRequest(ID, 'open');
    expect(open.headers['Next-Router-Prefetch']).toBeUndefined();
    expect(JSON.stringify(tree(open))).toContain(`[["id","${ID}","d",null],{"children":["__PAGE__",{},null,"refetch",0]},null,null,4]`);
    const loading = await navigationRequest(ID, 'prefetch_loading');
    expect(loading.headers['Next-Router-Prefetch']).toBe('1');
    expect(JSON.stringify(tree(loading))).toContain(`{"children":["__PAGE__",{}]},null,"refetch",4]`);
    const treeOnly = await navigationRequest(ID, 'prefetch_tree');
    expect(treeOnly.headers['Next-Router-Segment-Prefetch']).toBe('/_tree');
    expect(treeOnly.headers['Next-Router-State-Tree']).toBeUndefined();
  });
});

describe('reading an opened work order', () => {
  const payload =
    `5:["$","$L6",null,{"initial":{"workOrder":{"id":"${ID}","taskGroups":[{"tasks":[` +
    `{"id":"${OTHER}","version":"v-other","name":"a"},{"id":"${TASK}","name":"b","version":"v-mine"}]}],` +
    `"inputs":[{"id":"${OTHER}","imageUrl":null},{"id":"${TASK}","imageUrl":"/api/work-orders/${ID}/inputs/${TASK}/image"}]}}}]`;

  it('finds the version of the task asked for, not of the one before it', () => {
    expect(taskVersionIn(payload, TASK)).toBe('v-mine');
    expect(taskVersionIn(payload, OTHER)).toBe('v-other');
    expect(taskVersionIn(payload, ID.replace('0b', 'ff'))).toBeNull();
  });

  it('tells the work order shown from an error page answered with 200', () => {
    expect(showsWorkOrder(payload, ID)).toBe(true);
    expect(showsWorkOrder(`0:["$","$L1",null,{"error":{"digest":"1"}}]\n1:["id","${ID}","d"]`, ID)).toBe(false);
  });

  it('finds the first photo shown, skipping inputs without one', () => {
    expect(firstPhotoOf(payload)).toBe(`/api/work-orders/${ID}/inputs/${TASK}/image`);
    expect(firstPhotoOf('{"imageUrl":null}')).toBeNull();
  });

  it("finds every photo the page shows: each input's, then each task group's first example, once each", () => {
    const groups =
      `"taskGroups":[{"name":"a","exampleImageUrls":["/api/task-groups/a/examples/0","/api/task-groups/a/examples/1"]},` +
      `{"name":"b","exampleImageUrls":[]},{"name":"c d","exampleImageUrls":["/api/task-groups/c%20d/examples/0"]}]`;
    const withGroups = payload.replace('"taskGroups":[', `${groups},"other":[`) + payload;
    expect(photosOf(withGroups)).toEqual([
      `/api/work-orders/${ID}/inputs/${TASK}/image`,
      '/api/task-groups/a/examples/0',
      '/api/task-groups/c%20d/examples/0',
    ]);
    expect(photosOf('{"imageUrl":null}')).toEqual([]);
  });

  it('tells the list page from an error page', () => {
    expect(showsList('3:["$","$L4",null,{"initial":{"rows":[{"id":"x"}],"total":1}}]')).toBe(true);
    expect(showsList('0:["$","$L1",null,{"error":{"digest":"1"}}]')).toBe(false);
  });
});
