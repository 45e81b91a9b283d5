import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, vi, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from './server';
import { admin, api, dataUri, photoWithFindings, testPhoto, type AnyJson } from '@/test/harness/simulator-api';

// Real HTTP on a shared 2-core machine: generous per-test time, no wall-clock assertions.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    workOrders: 10,
    seed: 'analyze-test',
    callbackDelayMs: 5,
    callbackRetry: { retryBaseMs: 10, attemptTimeoutMs: 2000 },
  });
});
afterAll(() => sim.close());

async function newWorkOrder(types: string[] = ['raccordement']): Promise<AnyJson> {
  return (await api(sim, 'POST', 'work-orders/', { body: { name: 'analyze', work_order_types: types } })).body;
}

function analyzeBody(taskGroupName: string, source: string, kind: 'image' | 'pdf' = 'image') {
  return { task_group_name: taskGroupName, inputs: [{ [kind]: { source } }] };
}

const clean = photoWithFindings([], 'clean');
const blurry = photoWithFindings([{ code: 'blur', level: 'error' }], 'blurry');
const bright = photoWithFindings([{ code: 'brightness', level: 'warning' }], 'bright');

describe('analyze', () => {
  it('updates only the tasks of the analysed group and the score', async () => {
    const wo = await newWorkOrder();
    const response = await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, { body: analyzeBody('pm-ouvert-apres', dataUri(clean)) });
    expect(response.status).toBe(200);
    const result = response.body;
    expect(result.conformity_messages).toEqual([]);
    expect(result.status).toMatch(/^analysis_(ok|ko)$/);
    expect(result.tasks.map((t: AnyJson) => t.name)).toEqual(['pm_ouvert_apres', 'pm_ouvert_apres_quality']);
    expect(result.input).toMatchObject({ task_group_name: 'pm-ouvert-apres', type: 'image', status: result.status, conformity_messages: [] });
    for (const task of result.tasks) {
      expect(typeof task.state.analyzed_value).toBe('boolean');
      expect(task.state.corrected_value).toBeNull();
      expect(task.state.analyzed_inputs[0].input_id).toBe(result.input.id);
      for (const box of task.state.analyzed_inputs[0].bounding_boxes) {
        expect(box.xmin).toBeGreaterThanOrEqual(0);
        expect(box.xmax).toBeLessThanOrEqual(1);
        expect(box.xmin).toBeLessThan(box.xmax);
        expect(box.ymin).toBeLessThan(box.ymax);
      }
    }
    const fetched = (await api(sim, 'GET', `work-orders/${wo.id}/`)).body;
    expect(fetched.progress_score).toBe(result.progress_score);
    expect(fetched.inputs.map((i: AnyJson) => i.id)).toEqual([result.input.id]);
    expect(
      fetched.tasks
        .filter((t: AnyJson) => t.state !== null)
        .map((t: AnyJson) => t.name)
        .sort(),
    ).toEqual(['pm_ouvert_apres', 'pm_ouvert_apres_quality']);
    // The uploaded photo is served back as is.
    const photo = await fetch(result.input.url);
    expect(Buffer.from(await photo.arrayBuffer()).equals(clean)).toBe(true);
  });

  it('is deterministic: same bytes, same values and boxes, on any simulator', async () => {
    const other = await startSimulator({ workOrders: 0, seed: 'elsewhere' });
    try {
      const photo = testPhoto('deterministic-0');
      const run = async (target: RunningSimulator) => {
        const wo = (await api(target, 'POST', 'work-orders/', { body: { name: 'det', work_order_types: ['maintenance'] } })).body;
        const result = (await api(target, 'POST', `work-orders/${wo.id}/analyze/`, { body: analyzeBody('mesure-optique', dataUri(photo)) })).body;
        return result.tasks.map((t: AnyJson) => [t.name, t.state.analyzed_value, t.state.analyzed_inputs[0].bounding_boxes]);
      };
      const first = await run(sim);
      expect(await run(other)).toEqual(first);
      expect(first.map((t: AnyJson) => typeof t[1])).toEqual(['number', 'number', 'boolean']);
    } finally {
      await other.close();
    }
  });

  it('warning: messages plus the task analysis', async () => {
    const wo = await newWorkOrder();
    const response = await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, {
      body: analyzeBody('Pm-ferme-avant', dataUri(bright)),
      headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-language')).toBe('fr');
    expect(response.body.conformity_messages).toEqual([
      {
        code: 'brightness',
        name: 'Contrôle de luminosité',
        level: 'warning',
        message: 'La photo est surexposée. Évitez le soleil direct ou le flash.',
      },
    ]);
    expect(response.body.status).not.toBe('conformity_error');
    expect(response.body.tasks).toHaveLength(2);
  });

  it('error: messages only, empty tasks, no state change', async () => {
    const wo = await newWorkOrder();
    const before = (await api(sim, 'GET', `work-orders/${wo.id}/`)).body;
    const response = await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, { body: analyzeBody('pm-ouvert-avant', dataUri(blurry)) });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'conformity_error', tasks: [], progress_score: before.progress_score });
    expect(response.body.conformity_messages[0]).toMatchObject({ code: 'blur', level: 'error', name: 'Blur detection' });
    const after = (await api(sim, 'GET', `work-orders/${wo.id}/`)).body;
    expect(after.tasks).toEqual(before.tasks);
    expect(after.inputs).toHaveLength(1);
    expect(after.inputs[0]).toMatchObject({ status: 'conformity_error', conformity_messages: [{ code: 'blur', level: 'error' }] });
  });

  it.each([
    ['en', 'The photo is blurry. Please take it again, holding the phone steady.'],
    ['fr', 'La photo est floue. Veuillez la reprendre en tenant le téléphone immobile.'],
    ['de', 'Das Foto ist unscharf. Bitte nehmen Sie es erneut auf und halten Sie das Telefon ruhig.'],
    ['es', 'La foto está borrosa. Vuelva a tomarla sujetando el teléfono sin moverlo.'],
    ['it, nl;q=0.5', 'The photo is blurry. Please take it again, holding the phone steady.'],
    ['it, de;q=0.5, fr;q=0.8', 'La photo est floue. Veuillez la reprendre en tenant le téléphone immobile.'],
  ])('conformity messages localised for Accept-Language %s', async (language, message) => {
    const wo = await newWorkOrder();
    const response = await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, {
      body: analyzeBody('pm-ouvert-avant', dataUri(blurry)),
      headers: { 'Accept-Language': language },
    });
    expect(response.body.conformity_messages[0].message).toBe(message);
    // GET localises the stored messages too.
    const fetched = (await api(sim, 'GET', `work-orders/${wo.id}/`, { headers: { 'Accept-Language': language } })).body;
    expect(fetched.inputs[0].conformity_messages[0].message).toBe(message);
  });

  it('duplicates: error on the same work order, warning on another', async () => {
    const photo = photoWithFindings([], 'dup');
    const wo = await newWorkOrder();
    expect((await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, { body: analyzeBody('pm-ouvert-apres', dataUri(photo)) })).body.status).not.toBe(
      'conformity_error',
    );
    const again = (await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, { body: analyzeBody('pm-ouvert-apres', dataUri(photo)) })).body;
    expect(again.status).toBe('conformity_error');
    expect(again.conformity_messages).toMatchObject([{ code: 'duplicate', level: 'error' }]);
    const other = await newWorkOrder();
    const elsewhere = (await api(sim, 'POST', `work-orders/${other.id}/analyze/`, { body: analyzeBody('pm-ouvert-apres', dataUri(photo)) })).body;
    expect(elsewhere.conformity_messages).toMatchObject([{ code: 'duplicate', level: 'warning' }]);
    expect(elsewhere.tasks).toHaveLength(2);
  });

  it('validation is sticky: a validated task keeps its value when a later photo disagrees', async () => {
    const wo = await newWorkOrder(['inspection-rapide']);
    await admin(sim, 'POST', `/work-orders/${wo.id}/analysis`, {
      body: { task_group_name: 'pm-ouvert-apres', values: { pm_ouvert_apres: true, pm_ouvert_apres_quality: true } },
    });
    for (let i = 0; i < 6; i += 1) {
      const result = (
        await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, {
          body: analyzeBody('pm-ouvert-apres', dataUri(photoWithFindings([], `sticky${i}`))),
        })
      ).body;
      if (result.status === 'conformity_error') continue;
      expect(result.tasks.find((t: AnyJson) => t.name === 'pm_ouvert_apres').state.analyzed_value).toBe(true);
    }
  });

  it('accepts a PDF and an input URL on the simulator itself', async () => {
    const wo = await newWorkOrder();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const pdfResult = await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, {
      body: analyzeBody('etiquette-cable', dataUri(pdf, 'application/pdf'), 'pdf'),
    });
    expect(pdfResult.status).toBe(200);
    expect(pdfResult.body.input.type).toBe('pdf');
    expect((await fetch(pdfResult.body.input.url)).headers.get('content-type')).toBe('application/pdf');
    const example = (await api(sim, 'GET', 'task-groups/pm-ouvert-avant/')).body.input_examples[0];
    const byUrl = await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, { body: analyzeBody('pm-ouvert-avant', example) });
    expect(byUrl.status).toBe(200);
    expect(byUrl.body.input.type).toBe('image');
  });

  it('accepts the tolerated body variants (context, bare source)', async () => {
    const wo = await newWorkOrder();
    const response = await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, {
      body: { context: 'pm-ouvert-apres', inputs: [{ image: dataUri(photoWithFindings([], 'variant')) }] },
    });
    expect(response.status).toBe(200);
  });

  const invalid: Array<[string, (wo: AnyJson) => unknown, Record<string, unknown>]> = [
    ['no inputs', () => ({ task_group_name: 'pm-ouvert-apres' }), { inputs: ['This field is required.'] }],
    [
      'two images',
      () => ({ task_group_name: 'pm-ouvert-apres', inputs: [{ image: { source: dataUri(clean) } }, { image: { source: dataUri(clean) } }] }),
      { inputs: ['Exactly one image or PDF input is required.'] },
    ],
    ['no task group', () => ({ inputs: [{ image: { source: dataUri(clean) } }] }), { task_group_name: ['This field is required.'] }],
    ['unknown task group', () => analyzeBody('nope', dataUri(clean)), { task_group_name: ['Task group "nope" does not exist.'] }],
    [
      'inactive task group',
      () => analyzeBody('poteau', dataUri(clean)),
      { task_group_name: ['Task group "poteau" is not active on this work order.'] },
    ],
    [
      'not an image',
      () => analyzeBody('pm-ouvert-apres', dataUri(Buffer.from('hello world'), 'image/png')),
      { inputs: ['The input is not a JPEG or PNG image.'] },
    ],
    ['gif', () => analyzeBody('pm-ouvert-apres', dataUri(clean, 'image/gif')), { inputs: ['Unsupported image type "image/gif": use JPEG or PNG.'] }],
    ['bad base64', () => analyzeBody('pm-ouvert-apres', 'data:image/png;base64,@@@'), { inputs: ['The data URI is not valid base64.'] }],
    [
      'bad data URI',
      () => analyzeBody('pm-ouvert-apres', 'data:image/png,abc'),
      { inputs: ['Invalid data URI: expected "data:<type>;base64,<data>".'] },
    ],
    [
      'internet URL',
      () => analyzeBody('pm-ouvert-apres', 'https://example.com/photo.jpg'),
      { inputs: ['The input could not be downloaded from the URL.'] },
    ],
    [
      'PDF as image',
      () => analyzeBody('pm-ouvert-apres', dataUri(Buffer.from('%PDF-1.4 x'), 'application/pdf')),
      { inputs: ['Unsupported image type "application/pdf": use JPEG or PNG.'] },
    ],
    [
      'image 5 MB + 1 byte',
      () => analyzeBody('pm-ouvert-apres', dataUri(Buffer.concat([clean, Buffer.alloc(5 * 1024 * 1024 + 1 - clean.length)]))),
      { inputs: ['The image is larger than the maximum size of 5 MB.'] },
    ],
    [
      'PDF 8 MB + 1 byte',
      () =>
        analyzeBody(
          'etiquette-cable',
          dataUri(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(8 * 1024 * 1024 + 1 - 9)]), 'application/pdf'),
          'pdf',
        ),
      { inputs: ['The PDF is larger than the maximum size of 8 MB.'] },
    ],
  ];
  it.each(invalid)('400 for %s, nothing recorded', async (_name, body, fields) => {
    const wo = await newWorkOrder();
    const response = await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, { body: body(wo) });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(fields);
    expect((await api(sim, 'GET', `work-orders/${wo.id}/`)).body.inputs).toEqual([]);
  });

  it('an image of exactly 5 MB is accepted', async () => {
    const wo = await newWorkOrder();
    const photo = Buffer.concat([clean, Buffer.alloc(5 * 1024 * 1024 - clean.length)]);
    const response = await api(sim, 'POST', `work-orders/${wo.id}/analyze/`, { body: analyzeBody('pm-ouvert-apres', dataUri(photo)) });
    expect(response.status).toBe(200);
  });

  it('a configured analysis time still gives the same answer', async () => {
    const slow = await startSimulator({ workOrders: 0, analyzeDelayMs: 20 });
    try {
      const wo = (await api(slow, 'POST', 'work-orders/', { body: { name: 'slow', work_order_types: ['inspection-rapide'] } })).body;
      const response = await api(slow, 'POST', `work-orders/${wo.id}/analyze/`, { body: analyzeBody('pm-ouvert-apres', dataUri(clean)) });
      expect(response.status).toBe(200);
      expect(response.body.tasks).toHaveLength(2);
    } finally {
      await slow.close();
    }
  });

  it('404 for an unknown work order', async () => {
    expect(
      (await api(sim, 'POST', 'work-orders/00000000-0000-4000-8000-000000000000/analyze/', { body: analyzeBody('pm-ouvert-apres', dataUri(clean)) }))
        .status,
    ).toBe(404);
  });
});

describe('analyze with callback', () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: AnyJson[] = [];
  let failuresLeft = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url, contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          res.writeHead(500).end();
        } else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  async function waitFor(predicate: () => boolean | Promise<boolean>): Promise<void> {
    // Bounded polling (up to ~20 s on a loaded machine); no timing is asserted.
    for (let i = 0; i < 800; i += 1) {
      if (await predicate()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('condition not met');
  }

  it('accepts at once with 202, then POSTs the result to the callback URL', async () => {
    const wo = await newWorkOrder();
    received.length = 0;
    const response = await api(sim, 'POST', `work-orders/${wo.id}/analyze/callback/`, {
      body: { ...analyzeBody('pm-ouvert-apres', dataUri(photoWithFindings([], 'callback'))), callback_url: `${receiverUrl}/hook?token=abc` },
      headers: { 'Accept-Language': 'de' },
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ analysis_id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'pending' });
    await waitFor(() => received.length === 1);
    const delivery = received[0];
    expect(delivery.path).toBe('/hook?token=abc');
    expect(delivery.contentType).toBe('application/json');
    expect(delivery.body).toMatchObject({
      analysis_id: response.body.analysis_id,
      work_order_id: wo.id,
      status: expect.stringMatching(/^analysis_/),
    });
    expect(delivery.body.tasks).toHaveLength(2);
    const fetched = (await api(sim, 'GET', `work-orders/${wo.id}/`)).body;
    expect(fetched.progress_score).toBe(delivery.body.progress_score);
    expect(fetched.inputs[0].id).toBe(delivery.body.input.id);
  });

  it('retries a failing receiver, a bounded number of times', async () => {
    const wo = await newWorkOrder();
    received.length = 0;
    failuresLeft = 2;
    const accepted = (
      await api(sim, 'POST', `work-orders/${wo.id}/analyze/callback/`, {
        body: { ...analyzeBody('pm-ouvert-apres', dataUri(photoWithFindings([], 'retry'))), callback_url: receiverUrl },
      })
    ).body;
    await waitFor(
      async () => (await admin(sim, 'GET', '/callbacks')).body.find((d: AnyJson) => d.analysisId === accepted.analysis_id)?.state === 'delivered',
    );
    expect(received).toHaveLength(3);
    received.length = 0;
    failuresLeft = 100;
    const doomed = (
      await api(sim, 'POST', `work-orders/${wo.id}/analyze/callback/`, {
        body: { ...analyzeBody('Pm-ferme-avant', dataUri(photoWithFindings([], 'doomed'))), callback_url: receiverUrl },
      })
    ).body;
    await waitFor(
      async () => (await admin(sim, 'GET', '/callbacks')).body.find((d: AnyJson) => d.analysisId === doomed.analysis_id)?.state === 'failed',
    );
    expect(received).toHaveLength(5);
    failuresLeft = 0;
  });

  it('refuses non-loopback callback URLs and bad bodies synchronously', async () => {
    const wo = await newWorkOrder();
    const body = analyzeBody('pm-ouvert-apres', dataUri(clean));
    expect(
      (await api(sim, 'POST', `work-orders/${wo.id}/analyze/callback/`, { body: { ...body, callback_url: 'http://169.254.169.254/latest' } })).body,
    ).toEqual({
      callback_url: ['The simulator only calls back loopback URLs (127.0.0.1, localhost, ::1).'],
    });
    expect((await api(sim, 'POST', `work-orders/${wo.id}/analyze/callback/`, { body })).body).toEqual({ callback_url: ['This field is required.'] });
    expect((await api(sim, 'POST', `work-orders/${wo.id}/analyze/callback/`, { body: { ...body, callback_url: 'ftp://127.0.0.1/' } })).status).toBe(
      400,
    );
    expect(
      (await api(sim, 'POST', `work-orders/${wo.id}/analyze/callback/`, { body: { task_group_name: 'pm-ouvert-apres', callback_url: receiverUrl } }))
        .status,
    ).toBe(400);
  });
});
