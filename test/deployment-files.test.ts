import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { trustedProxies } from '@/lib/server/auth/config';

// No container engine runs in CI: these read the deployment files as the engines would and
// check what a typo would break (services, health checks, the proxy's trust, copied paths).

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  networks?: string[];
  volumes?: string[];
}
const compose = YAML.parse(read('compose.yaml')) as {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean; ipam?: { config: { subnet: string }[] } }>;
};

describe('compose.yaml', () => {
  const { services } = compose;

  it('runs PostgreSQL 17 on a volume, healthy once pg_isready answers', () => {
    expect(services.db.image).toBe('postgres:17');
    expect(services.db.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(services.db.volumes?.some((volume) => volume.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(compose.networks.data.internal).toBe(true);
  });

  it('runs two identical app instances after the database is healthy', () => {
    expect(services.app1).toEqual(services.app2);
    expect(services.app1.build).toBe('.');
    expect(services.app1.env_file).toBe('docker/field-review.env');
    expect(services.app1.depends_on?.db.condition).toBe('service_healthy');
    for (const name of ['DATABASE_URL', 'NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'DEEPOMATIC_API_URL', 'DEEPOMATIC_API_KEY']) {
      expect(read('docker/field-review.env.example')).toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });

  it('trusts X-Forwarded-For only from the proxy’s network', () => {
    const subnet = compose.networks.edge.ipam?.config[0].subnet;
    expect(services.app1.environment?.TRUSTED_PROXIES).toBe(subnet);
    const trusted = trustedProxies(services.app1.environment?.TRUSTED_PROXIES);
    expect(trusted?.check('172.30.0.9')).toBe(true);
    expect(trusted?.check('203.0.113.9')).toBe(false);
    expect(services.proxy.networks).toEqual(['edge']);
  });

  it('puts a proxy in front of both instances, balancing on their readiness and setting X-Forwarded-For', () => {
    expect(services.proxy.depends_on).toEqual({ app1: { condition: 'service_healthy' }, app2: { condition: 'service_healthy' } });
    const mounted = services.proxy.volumes?.find((volume) => volume.includes('Caddyfile'))?.split(':')[0];
    expect(mounted).toBe('./docker/Caddyfile');
    const caddyfile = read('docker/Caddyfile');
    expect(caddyfile).toMatch(/reverse_proxy app1:3000 app2:3000/);
    expect(caddyfile).toContain('health_uri /api/health/ready');
    expect(caddyfile).toMatch(/header_up X-Forwarded-For \{remote_host\}/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds in stages from the lockfile and runs as an unprivileged user', () => {
    expect(dockerfile).toMatch(/^FROM .* AS deps$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/next build/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "scripts\/start-production.mjs"\]$/m);
  });

  it('checks liveness with Node’s fetch (slim images have no curl)', () => {
    const healthcheck = /^HEALTHCHECK[\s\S]*?CMD (\[.*\])$/m.exec(dockerfile);
    expect(healthcheck).not.toBeNull();
    const command = JSON.parse(healthcheck![1]) as string[];
    expect(command[0]).toBe('node');
    expect(command.join(' ')).toContain('/api/health/live');
  });

  it('copies into the runtime image only paths that exist', () => {
    const copied = [...dockerfile.matchAll(/^COPY --from=build (.+) \S+$/gm)].flatMap((match) => match[1].split(/\s+/));
    expect(copied.length).toBeGreaterThan(5);
    // .next and node_modules are made by the build stage itself.
    for (const source of copied.filter((file) => !/^\/app\/(\.next|node_modules)$/.test(file))) {
      expect(existsSync(path.join(ROOT, source.replace(/^\/app\//, ''))), source).toBe(true);
    }
  });

  it('leaves dependencies, builds and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', '.next', '.env', '.env.*', 'docker/*.env', '.data']) expect(ignored).toContain(entry);
  });
});
