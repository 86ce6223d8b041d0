import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Debian's nginx (`apt-get install nginx`); the tests run their own instance, never the service. */
export const NGINX = '/usr/sbin/nginx';
export const hasNginx = existsSync(NGINX);

/**
 * Whether a suite that needs nginx runs. Without it the suite is skipped, loudly, except in CI,
 * where a missing nginx fails it (as browserSuite does for Chromium).
 */
export function nginxSuite(name: string, what: string): boolean {
  const run = hasNginx || Boolean(process.env.CI);
  if (!run) {
    console.warn(
      `SKIPPED ${name}: ${NGINX} is not installed (apt-get install nginx); ${what} did not run.`,
    );
  }
  return run;
}

/** Fails a suite that runs without nginx (in CI), before it starts anything. */
export function assertNginx(): void {
  if (!hasNginx) throw new Error(`CI needs ${NGINX} for the reverse-proxy test`);
}

export type TestCertificate = {
  certFile: string;
  keyFile: string;
  /** The certificate in PEM, to trust it from Node (`ca`). */
  pem: string;
  /** base64 SHA-256 of its SubjectPublicKeyInfo, for Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
};

/** A self-signed P-256 certificate for 127.0.0.1, made with Debian's openssl, valid for two days. */
export function makeTestCertificate(dir: string): TestCertificate {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'pipe' },
  );
  const pem = readFileSync(certFile, 'utf8');
  const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return { certFile, keyFile, pem, spki: createHash('sha256').update(der).digest('base64') };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export type ProxySite = {
  /** Where nginx listens with TLS (127.0.0.1). */
  port: number;
  /** Where Vigil listens (plain HTTP on loopback). */
  upstreamPort: number;
  cert: TestCertificate;
  /** The source address nginx connects to Vigil from (proxy_bind): the trusted proxy's address. */
  bindFrom: string;
};

/**
 * The nginx configuration of README.md's "Behind a reverse proxy" section, with its own pid, log
 * and temporary paths under `dir` so it runs beside (never as) the system service.
 */
export function nginxConfig(dir: string, site: ProxySite): string {
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  return `daemon off;
worker_processes 1;
${user}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;

  server {
    listen 127.0.0.1:${site.port} ssl;
    ssl_certificate ${site.cert.certFile};
    ssl_certificate_key ${site.cert.keyFile};
    ssl_protocols TLSv1.2 TLSv1.3;
    client_max_body_size 512m;

    location / {
      proxy_pass http://127.0.0.1:${site.upstreamPort};
      proxy_bind ${site.bindFrom};
      proxy_http_version 1.1;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_request_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
`;
}

export type RunningNginx = { origin: string; stop: () => Promise<void>; errorLog: () => string };

/** Starts nginx in the foreground with that configuration; resolves once it answers over TLS. */
export async function startNginx(dir: string, site: ProxySite): Promise<RunningNginx> {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(dir, site));
  const errorLogFile = join(dir, 'error.log');
  const child = spawn(NGINX, ['-p', `${dir}/`, '-e', errorLogFile, '-c', conf], { stdio: 'pipe' });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errorLog = () =>
    `${output}${existsSync(errorLogFile) ? readFileSync(errorLogFile, 'utf8') : ''}`;
  const origin = `https://127.0.0.1:${site.port}`;
  const deadline = Date.now() + 30_000;
  while (!(await answers(`${origin}/api/health`, site.cert.pem))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start:\n${errorLog()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, errorLog, stop: () => stop(child, exited) };
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGQUIT'); // graceful shutdown
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Whether GET `url` answers 200 over TLS, trusting only the test certificate. */
function answers(url: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpsGet(url, { ca, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}
